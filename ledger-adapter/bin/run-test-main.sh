#!/bin/sh
# Runs a main class of ledger-adapter's test sources (benchmark, vector generator) with the module's test
# classpath, building it first from the reactor (chaincode and ledger-adapter; nothing is installed). Works from a
# fresh clone with a JDK 17 and access to Maven Central. The benchmarks have a front door: bench/run.sh ledger|fabric.
# Usage: ledger-adapter/bin/run-test-main.sh <main class> [args...]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
cp_file="$here/target/test-classpath.txt"
echo "run-test-main: building ledger-adapter and its test classpath" \
  "(./mvnw -B -q -pl ledger-adapter -am test-compile dependency:build-classpath)" >&2
if ! (cd "$root" && ./mvnw -B -q -pl ledger-adapter -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2); then
  echo "run-test-main: the build failed (Maven's errors above)" >&2
  exit 1
fi
main=$1
shift
echo "run-test-main: java $main $*" >&2
exec java ${JAVA_OPTS:-} -cp "$here/target/test-classes:$here/target/classes:$(cat "$cp_file")" "$main" "$@"
