#!/bin/sh
# Ingest benchmark: put with SHA-256 + SM3 vs the same upload without digests, hash rates, peak heap.
# Usage: document-store/bench.sh [MiB per run, default 1024] [rounds, default 3] [child|in-process, default child]
# "child" runs the S3 server in its own JVM so heap and CPU figures are the client's alone.
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -pl document-store test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd document-store
exec java -Xmx256m ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    cn.landreserve.documents.IngestBenchmark "$@"
