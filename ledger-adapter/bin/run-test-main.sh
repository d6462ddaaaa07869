#!/bin/sh
# Runs a main class from ledger-adapter's test sources (benchmark, vector generator) with the
# module's test classpath. Build first: ./mvnw -q -pl chaincode,ledger-adapter install -DskipTests
# Usage: ledger-adapter/bin/run-test-main.sh <main class> [args...]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
cp_file="$here/target/test-classpath.txt"
if [ ! -f "$cp_file" ] || [ "$here/pom.xml" -nt "$cp_file" ]; then
  (cd "$root" && ./mvnw -q -o -pl ledger-adapter test-compile dependency:build-classpath \
      -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null)
fi
main=$1
shift
exec java ${JAVA_OPTS:-} -cp "$here/target/test-classes:$here/target/classes:$(cat "$cp_file")" "$main" "$@"
