#!/usr/bin/env bash
# The repository's benchmarks, from a fresh clone: one command each, figures printed as "RESULT ..." lines.
#
#   bench/run.sh ledger      # embedded ledger: 1 caller, 64 concurrent callers, 64 callers through group commit,
#                            #   batches of 1,000 digests; restart time
#   bench/run.sh fabric      # Fabric engine: against network/build/connection.json if network/up.sh made one, else
#                            #   against the in-process two-peer gateway double (labelled DOUBLE: not Fabric)
#   bench/run.sh ingest      # 1 GiB through the upload API vs a plain S3 upload; service heap from its GC log
#   bench/run.sh verify      # public verify-by-digest, the service's liveness (the yardstick: the ratio is printed)
#                            # and auditor verify-by-id, 64 clients for 60 s each
#   bench/run.sh lifecycle   # N projects creation -> archive through the API vs the same BPMN on bare Camunda
#   bench/run.sh cockpit     # cockpit, register and task-list response times over 5,000 projects made through the API
#   bench/run.sh anchoring   # the service's anchoring path: 64 callers upload 30 documents each through the API,
#                            #   then complete their tasks at once; time until every record is anchored
#                            #   (SERVICE_LEDGER=fabric: on the network of network/up.sh)
#   bench/run.sh all
#
# ledger and fabric build ledger-adapter and its test classes from the reactor and run a main class of them.
# The service benchmarks build the service, start the packaged jar on a free port with a fresh data directory,
# drives it from a separate JVM, and stops everything it started (trap on EXIT).
# Knobs (environment): LEDGER_SINGLES=2000 LEDGER_CONCURRENT=20000 LEDGER_CALLERS=64 LEDGER_BATCHES=40
#   FABRIC_SINGLES=200 FABRIC_CONCURRENT=2000 FABRIC_BATCHES=40 (FABRIC_PHASES=singles,direct,group,batch
#   FABRIC_BATCH_SIZE=1000 FABRIC_BATCH_CALLERS=8, read by the benchmark itself) INGEST_MIB=1024 INGEST_ROUNDS=3 SERVICE_XMX=1g VERIFY_CLIENTS=64 VERIFY_SECONDS=60
#   VERIFY_WARMUP=10 VERIFY_PREWARM=20 VERIFY_SEED_PROJECTS=5 LIFECYCLE_PROJECTS=20 LIFECYCLE_CONCURRENCY=4 LIFECYCLE_AUTH=session
#   LIFECYCLE_WARMUP=5 LIFECYCLE_POLL_MS=25
#   ANCHORING_CALLERS=64 ANCHORING_DOCUMENTS=30 (per caller) ANCHORING_SWEEP=PT30M (the service's
#   reserve.workflow.document-anchor-interval for the run, longer than the upload phase so that the completions'
#   jobs anchor the uploads; the service's default is PT10S) ANCHORING_INSTANCES=1 (2: a second
#   service instance on the first one's database and S3 server, callers alternating; needs SERVICE_LEDGER=fabric)
#   COCKPIT_PROJECTS=5000 COCKPIT_REVIEWED=500 COCKPIT_ARCHIVED=50 COCKPIT_CONCURRENCY=8 COCKPIT_ROUNDS=20
#   SERVICE_LEDGER=fabric (the service benchmarks run the service on the Fabric network of
#   network/build/connection.json instead of the embedded ledger)
#   SERVICE_JFR=1 (flight recording of the service, $run_dir/<name>/service.jfr, with KEEP=1)
#   SKIP_BUILD=1 (reuse the last build of the service; the benchmark classes are compiled anew)  KEEP=1 (keep the run directory)  START_SECONDS=240 (wait for the service)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
what=${1:-}
case "$what" in ledger|fabric|ingest|verify|lifecycle|cockpit|anchoring|all) ;;
  *) echo "usage: $0 ledger|fabric|ingest|verify|lifecycle|cockpit|anchoring|all" >&2; exit 2 ;; esac

INGEST_MIB=${INGEST_MIB:-1024}
INGEST_ROUNDS=${INGEST_ROUNDS:-3}
SERVICE_XMX=${SERVICE_XMX:-1g}
VERIFY_CLIENTS=${VERIFY_CLIENTS:-64}
VERIFY_SECONDS=${VERIFY_SECONDS:-60}
VERIFY_WARMUP=${VERIFY_WARMUP:-10}
VERIFY_SEED_PROJECTS=${VERIFY_SEED_PROJECTS:-5}
VERIFY_PREWARM=${VERIFY_PREWARM:-20}
LIFECYCLE_PROJECTS=${LIFECYCLE_PROJECTS:-20}
LIFECYCLE_CONCURRENCY=${LIFECYCLE_CONCURRENCY:-4}
LIFECYCLE_AUTH=${LIFECYCLE_AUTH:-session}
LIFECYCLE_WARMUP=${LIFECYCLE_WARMUP:-5}
LIFECYCLE_POLL_MS=${LIFECYCLE_POLL_MS:-25}
ANCHORING_CALLERS=${ANCHORING_CALLERS:-64}
ANCHORING_DOCUMENTS=${ANCHORING_DOCUMENTS:-30}
ANCHORING_SWEEP=${ANCHORING_SWEEP:-PT30M}
ANCHORING_INSTANCES=${ANCHORING_INSTANCES:-1}
COCKPIT_PROJECTS=${COCKPIT_PROJECTS:-5000}
COCKPIT_REVIEWED=${COCKPIT_REVIEWED:-500}
COCKPIT_ARCHIVED=${COCKPIT_ARCHIVED:-50}
COCKPIT_CONCURRENCY=${COCKPIT_CONCURRENCY:-8}
COCKPIT_ROUNDS=${COCKPIT_ROUNDS:-20}
LEDGER_SINGLES=${LEDGER_SINGLES:-2000}
LEDGER_CONCURRENT=${LEDGER_CONCURRENT:-20000}
LEDGER_CALLERS=${LEDGER_CALLERS:-64}
LEDGER_BATCHES=${LEDGER_BATCHES:-40}
FABRIC_SINGLES=${FABRIC_SINGLES:-200}
FABRIC_CONCURRENT=${FABRIC_CONCURRENT:-2000}
FABRIC_BATCHES=${FABRIC_BATCHES:-40}
PW=bench-$RANDOM$RANDOM

run_dir=$(mktemp -d /tmp/lr-bench.XXXXXX)
service_pid=
second_pid=
cleanup() {
  stop_second_service
  stop_service
  if [ -z "${KEEP:-}" ]; then rm -rf "$run_dir"; else echo "kept $run_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[bench $(date +%H:%M:%S)] $*"; }
env_line() {
  echo "ENV date=$(date -u +%Y-%m-%dT%H:%MZ) nproc=$(nproc) load=\"$(uptime | sed 's/.*load average: //')\"" \
       ${SERVICE_LEDGER:+"service_ledger=$SERVICE_LEDGER"} \
       "java=\"$(java -version 2>&1 | head -1)\""
}

compile_bench() {
  javac -encoding UTF-8 --release 17 -nowarn -d "$here/target/classes" -cp "$(cat "$here/target/classpath.txt")" \
      "$here"/src/cn/landreserve/bench/*.java
}

build() {
  if [ -n "${SKIP_BUILD:-}" ] && [ -f "$here/target/classpath.txt" ]; then
    log "SKIP_BUILD: the last build of the service, the benchmark classes compiled anew"
    compile_bench
    return
  fi
  # -DskipTests, not -Dmaven.test.skip: the tests are not run, but test classes are compiled, because
  # workflow-service's test scope needs ledger-adapter's test jar (the Fabric gateway double) to resolve at all
  log "building the service (./mvnw -q -DskipTests package) and the benchmark classes"
  (cd "$root" && ./mvnw -q -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/bench-run.classpath -Dmdep.includeScope=runtime)
  # Snapshot what we run into bench/target, so that a concurrent build in the shared tree cannot swap it mid-run.
  rm -rf "$here/target/classes" "$here/target/lib" && mkdir -p "$here/target/classes" "$here/target/lib"
  cp "$root/workflow-service/target/workflow-service.jar" "$here/target/lib/"
  cp -r "$root/workflow-service/target/classes" "$here/target/lib/workflow-service-classes"
  local cp="$here/target/lib/workflow-service-classes" entry
  for entry in $(tr ':' ' ' <"$root/workflow-service/target/bench-run.classpath"); do
    case "$entry" in
      "$root"/*) cp "$entry" "$here/target/lib/"; cp="$cp:$here/target/lib/$(basename "$entry")" ;;
      *) cp="$cp:$entry" ;;
    esac
  done
  echo "$cp" >"$here/target/classpath.txt"
  compile_bench
}

# The ledger benchmarks run main classes of ledger-adapter's test sources: built from the reactor (no install, no
# offline mode), Maven's output in $run_dir/build-ledger.log and shown when the build fails.
build_ledger() {
  log "building chaincode and ledger-adapter with their tests' classpath" \
      "(./mvnw -B -pl ledger-adapter -am test-compile dependency:build-classpath)"
  if ! (cd "$root" && ./mvnw -B -pl ledger-adapter -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$root/ledger-adapter/target/test-classpath.txt" -Dmdep.includeScope=test) \
      >"$run_dir/build-ledger.log" 2>&1; then
    tail -40 "$run_dir/build-ledger.log" >&2
    echo "build failed; the whole log is $run_dir/build-ledger.log (KEEP=1 keeps it)" >&2
    exit 1
  fi
}

ledger_java() {  # runs a main class of ledger-adapter's test sources
  local main=$1; shift
  local la="$root/ledger-adapter"
  java -Xmx1g -cp "$la/target/test-classes:$la/target/classes:$(cat "$la/target/test-classpath.txt")" "$main" "$@"
}

run_ledger() {
  log "embedded ledger: $LEDGER_SINGLES records by 1 caller, $LEDGER_CONCURRENT by $LEDGER_CALLERS concurrent callers" \
      "(directly, then through group commit), $LEDGER_BATCHES batches of 1,000 digests; then a restart"
  env_line
  ledger_java cn.landreserve.ledger.bench.AnchoringBenchmark "$LEDGER_SINGLES" "$LEDGER_CONCURRENT" "$LEDGER_CALLERS" \
      "$LEDGER_BATCHES"
}

run_fabric() {
  local connection=$root/network/build/connection.json
  if [ -f "$connection" ]; then
    log "Fabric network of $connection: $FABRIC_SINGLES records by 1 caller, $FABRIC_CONCURRENT by $LEDGER_CALLERS" \
        "callers (directly, then through group commit), $FABRIC_BATCHES batches of 1,000 digests"
    env_line
    ledger_java cn.landreserve.ledger.fabric.FabricAnchoringBenchmark "$FABRIC_SINGLES" "$FABRIC_CONCURRENT" \
        "$LEDGER_CALLERS" "$FABRIC_BATCHES" "$connection"
  else
    log "no $connection (network/up.sh not run): measuring the in-process two-peer gateway DOUBLE, not Fabric"
    env_line
    ledger_java cn.landreserve.ledger.fabric.FabricAnchoringBenchmark "$FABRIC_SINGLES" "$FABRIC_CONCURRENT" \
        "$LEDGER_CALLERS" "$FABRIC_BATCHES" --double
  fi
}

bench_java() {  # runs a benchmark main in its own JVM
  local main=$1; shift
  java -Xmx512m -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
      "cn.landreserve.bench.$main" "$@"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_service <name> [extra --args...]
start_service() {
  local name=$1; shift
  svc_dir="$run_dir/$name"
  mkdir -p "$svc_dir/data" "$svc_dir/tmp"
  port=$(free_port)
  s3_port=$(free_port)
  base="http://127.0.0.1:$port"
  service_flags="-Xmx$SERVICE_XMX -Xlog:gc:file=$svc_dir/gc.log -Djava.io.tmpdir=$svc_dir/tmp"
  # SERVICE_JFR=1 records a flight recording of the whole service run into $svc_dir/service.jfr (keep it: KEEP=1)
  if [ -n "${SERVICE_JFR:-}" ]; then
    service_flags="$service_flags -XX:StartFlightRecording=filename=$svc_dir/service.jfr,settings=profile,dumponexit=true"
  fi
  local ledger_args=()
  if [ "${SERVICE_LEDGER:-embedded}" = fabric ]; then
    [ -f "$root/network/build/connection.json" ] || { echo "SERVICE_LEDGER=fabric needs network/up.sh first" >&2; exit 1; }
    ledger_args=(--reserve.ledger.mode=fabric --reserve.ledger.fabric.connection-file="$root/network/build/connection.json")
  fi
  log "starting the service ($name) on port $port: java $service_flags -jar workflow-service.jar ${ledger_args[*]} $*"
  java $service_flags -jar "$here/target/lib/workflow-service.jar" \
      --reserve.data-dir="$svc_dir/data" --server.port="$port" --reserve.demo.password="$PW" \
      --reserve.demo.sample-projects=false --reserve.s3.embedded-port="$s3_port" "${ledger_args[@]}" "$@" \
      >"$svc_dir/service.log" 2>&1 &
  service_pid=$!
  await_healthy "$service_pid" "$base" "$svc_dir/service.log" "service"
}

# await_healthy <pid> <base url> <log> <what>: until /actuator/health says UP; the log's tail if it dies or never does
await_healthy() {
  local pid=$1 url=$2 log_file=$3 what=$4
  for _ in $(seq 1 "${START_SECONDS:-240}"); do
    if curl -fsS "$url/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      log "$what up (pid $pid) after $SECONDS s of script time"
      return
    fi
    if ! kill -0 "$pid" 2>/dev/null; then tail -50 "$log_file"; echo "$what died" >&2; exit 1; fi
    sleep 1
  done
  tail -50 "$log_file"; echo "$what did not become healthy" >&2; exit 1
}

# stop_instance <pid> <log> <label>: TERM, KILL after 60 s; then the count of errors and exceptions in its log
stop_instance() {
  local pid=$1 log_file=$2 label=$3
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  local errors
  errors=$(grep -E ' ERROR |Exception' "$log_file" 2>/dev/null | grep -v -c 'Unknown parameters object-lock' || true)
  echo "SERVICE_LOG ${label}errors_or_exceptions=$errors (log: $log_file)"
}

stop_service() {
  [ -z "$service_pid" ] && return
  stop_instance "$service_pid" "$svc_dir/service.log" ""
  service_pid=
}

gc_lines() { wc -l <"$svc_dir/gc.log"; }

# heap_report <first gc.log line of the window>: G1 pause lines "... 123M->45M(1024M) ..."
heap_report() {
  local from=$1
  tail -n +"$from" "$svc_dir/gc.log" | awk -v xmx="$SERVICE_XMX" '
    /Pause/ && match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/) {
      split(substr($0, RSTART, RLENGTH), a, /M->|M\(|M\)/)
      n++; if (a[1] > before) before = a[1]; if (a[2] > after) after = a[2]; if (a[3] > committed) committed = a[3]
      if ($0 ~ /Pause Full/) full++
    }
    END { printf "RESULT heap xmx=%s gc_pauses=%d peak_used_before_gc_mib=%d max_used_after_gc_mib=%d max_committed_mib=%d full_gcs=%d\n",
          xmx, n, before, after, committed, full + 0 }'
}

# the access log's group commit since the service started: commits, entries, mean entries per commit
access_log_group_commits() {
  curl -fsS -u "operator:$PW" "$base/api/ops/status" | python3 -c \
    'import json,sys; g=json.load(sys.stdin).get("accessLog",{}).get("groupCommits") or {}; c=g.get("commits",0); e=g.get("entries",0); print("RESULT access-log-group-commit commits=%d entries=%d entries_per_commit=%.1f (since the service started)" % (c, e, e/c if c else 0))'
}

access_log_head() {
  curl -fsS -u "auditor:$PW" "$base/api/audit/access-log?limit=1" | python3 -c \
    'import json,sys; b=json.load(sys.stdin); print(b["head"]["seq"] if isinstance(b["head"],dict) else b["head"], b["chainIntact"])'
}

cpu_of_service() { python3 - "$service_pid" <<'EOF'
import os, sys
pid = int(sys.argv[1])
kids = {}
for p in os.listdir('/proc'):
    if p.isdigit():
        try:
            s = open(f'/proc/{p}/stat').read(); f = s[s.rindex(')') + 2:].split()
            kids.setdefault(int(f[1]), []).append((int(p), int(f[11]) + int(f[12])))
        except OSError:
            pass
def tree(p):
    total = 0
    for c, t in kids.get(p, []):
        total += t + tree(c)
    return total
s = open(f'/proc/{pid}/stat').read(); f = s[s.rindex(')') + 2:].split()
print('%.1f' % ((int(f[11]) + int(f[12]) + tree(pid)) / os.sysconf('SC_CLK_TCK')))
EOF
}

run_ingest() {
  log "=== ingest: ${INGEST_MIB} MiB x ${INGEST_ROUNDS} rounds through the API vs plain S3 ==="
  start_service ingest
  env_line; echo "ENV service_flags=\"$service_flags\""
  local from; from=$(( $(gc_lines) + 1 ))
  bench_java IngestBench "$base" "$PW" "http://127.0.0.1:$s3_port" "$svc_dir/data/objects/credentials.properties" \
      land-reserve-evidence "$INGEST_MIB" "$INGEST_ROUNDS" "$service_pid"
  heap_report "$from"
  echo "INFO service temp dir (java.io.tmpdir) now: $(du -sh "$svc_dir/tmp" | cut -f1); data dir: $(du -sh "$svc_dir/data" | cut -f1)"
  env_line
  stop_service
}

run_verify() {
  log "=== verify: ${VERIFY_CLIENTS} clients x ${VERIFY_SECONDS} s (after ${VERIFY_WARMUP} s warm-up) ==="
  log "the public rate limit is raised for this run: --reserve.public.requests-per-minute=100000000"
  start_service verify --reserve.public.requests-per-minute=100000000
  log "seeding ${VERIFY_SEED_PROJECTS} archived projects (plus one warm-up) through the API"
  bench_java LifecycleBench "$base" "$PW" "$VERIFY_SEED_PROJECTS" 1 "$service_pid" "$svc_dir/seed.txt" session >/dev/null
  echo "INFO seed: $(wc -l <"$svc_dir/seed.txt") PUBLIC anchored documents"
  local mode auth
  # Every kind of request is first run for VERIFY_PREWARM seconds, unmeasured, before any is measured: otherwise
  # the first measured kind pays for the JIT compiling the request path that the later kinds share (measured
  # 2026-12-02: compiler threads took as much CPU as the request threads during the first, public, run).
  for spec in public:- liveness:- auditor:basic auditor:session; do
    mode=${spec%%:*}; auth=${spec#*:}
    log "pre-warming $mode $auth for ${VERIFY_PREWARM} s (not measured)"
    bench_java VerifyLoad "$base" "$mode" "$VERIFY_CLIENTS" "$VERIFY_PREWARM" 0 "$svc_dir/seed.txt" "$PW" "$auth" >/dev/null
  done
  # liveness: the service's own /actuator/health/liveness with the same clients, right after the public verify,
  # as the yardstick of what this machine and this service answer when a request does nothing
  for spec in public:- liveness:- auditor:basic auditor:session; do
    mode=${spec%%:*}; auth=${spec#*:}
    env_line
    local head0 cpu0 from
    head0=$(access_log_head | cut -d' ' -f1); cpu0=$(cpu_of_service); from=$(( $(gc_lines) + 1 ))
    bench_java VerifyLoad "$base" "$mode" "$VERIFY_CLIENTS" "$VERIFY_SECONDS" "$VERIFY_WARMUP" "$svc_dir/seed.txt" "$PW" "$auth" \
        | tee "$svc_dir/verify-$mode-$auth.txt"
    local head1 cpu1
    read -r head1 intact < <(access_log_head)
    cpu1=$(cpu_of_service)
    local answered
    answered=$(grep -o 'answered_incl_warmup=[0-9]*' "$svc_dir/verify-$mode-$auth.txt" | cut -d= -f2)
    # service CPU (JVM + PostgreSQL) per answered request, warm-up included on both sides: the cost per request,
    # which a loaded machine changes much less than requests per second
    echo "RESULT verify-$mode-$auth access_log_rows_added=$(( head1 - head0 - 1 )) chain_intact=$intact" \
         "service_cpu_s=$(python3 -c "print(round($cpu1-$cpu0,1))") window_s=$(( VERIFY_SECONDS + VERIFY_WARMUP ))" \
         "service_cpu_ms_per_request=$(python3 -c "print(round(1000*($cpu1-$cpu0)/max(1,${answered:-0}),2))")"
    access_log_group_commits
    heap_report "$from"
  done
  verify_ratio "$svc_dir/verify-public--.txt" "$svc_dir/verify-liveness--.txt"
  env_line
  stop_service
}

# verify_ratio <public result file> <liveness result file>: public verify-by-digest against liveness, same clients
verify_ratio() {
  python3 - "$1" "$2" <<'EOF'
import re, sys
def fields(path):
    line = next(l for l in open(path) if l.startswith('RESULT verify-'))
    return dict(re.findall(r'(\w+)=([0-9.]+)', line))
public, live = fields(sys.argv[1]), fields(sys.argv[2])
ratio = float(public['req_per_s']) / float(live['req_per_s'])
p99 = float(public['p99_ms'])
print('RESULT verify-ratio public_req_per_s=%s liveness_req_per_s=%s public_over_liveness=%.2f public_p99_ms=%s'
      ' liveness_p99_ms=%s target=">=0.5x liveness, p99<50ms" met=%s'
      % (public['req_per_s'], live['req_per_s'], ratio, public['p99_ms'], live['p99_ms'],
         'yes' if ratio >= 0.5 and p99 < 50 else 'no'))
EOF
}

run_lifecycle() {
  log "=== lifecycle: ${LIFECYCLE_PROJECTS} projects, ${LIFECYCLE_CONCURRENCY} at a time, service vs bare Camunda ==="
  start_service lifecycle
  env_line; echo "ENV service_flags=\"$service_flags\""
  bench_java LifecycleBench "$base" "$PW" "$LIFECYCLE_PROJECTS" "$LIFECYCLE_CONCURRENCY" "$service_pid" \
      "$svc_dir/seed.txt" "$LIFECYCLE_AUTH" "$LIFECYCLE_POLL_MS" "$LIFECYCLE_WARMUP"
  env_line
  stop_service
  log "bare Camunda: same model, embedded PostgreSQL, no-op delegates, jobs run by the driver"
  mkdir -p "$run_dir/bare"
  env_line
  java -Xmx$SERVICE_XMX -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
      cn.landreserve.bench.BareLifecycle "$LIFECYCLE_PROJECTS" "$LIFECYCLE_CONCURRENCY" "$run_dir/bare" "$LIFECYCLE_WARMUP" 2>&1 \
      | grep -v -E '^(SLF4J|[0-9:. ]+\[.*\] (INFO|DEBUG))' || true
  env_line
}

# start_second_service [extra --args...]: another instance of the service on the first one's embedded PostgreSQL
# and S3 server (as two instances share an external database and MinIO in production), its own port and data dir
start_second_service() {
  local pg_port second_dir=$run_dir/second
  mkdir -p "$second_dir/data" "$second_dir/tmp"
  pg_port=$(grep -o 'Embedded PostgreSQL started on 127.0.0.1:[0-9]*' "$svc_dir/service.log" | head -1 | sed 's/.*://')
  [ -n "$pg_port" ] || { echo "the first instance's log names no PostgreSQL port" >&2; exit 1; }
  second_port=$(free_port)
  second_base="http://127.0.0.1:$second_port"
  log "starting a second instance on port $second_port, on the first one's PostgreSQL (port $pg_port) and S3 server"
  java -Xmx$SERVICE_XMX -Xlog:gc:file="$second_dir/gc.log" -Djava.io.tmpdir="$second_dir/tmp" \
      -jar "$here/target/lib/workflow-service.jar" --reserve.data-dir="$second_dir/data" --server.port="$second_port" \
      --reserve.db.url="jdbc:postgresql://127.0.0.1:$pg_port/postgres" --reserve.db.username=postgres \
      --reserve.db.password="$(cat "$svc_dir/data/postgres-password.txt")" \
      --reserve.s3.endpoint="http://127.0.0.1:$s3_port" \
      --reserve.s3.access-key="$(sed -n 's/^accessKey=//p' "$svc_dir/data/objects/credentials.properties")" \
      --reserve.s3.secret-key="$(sed -n 's/^secretKey=//p' "$svc_dir/data/objects/credentials.properties")" \
      --reserve.ledger.mode=fabric --reserve.ledger.fabric.connection-file="$root/network/build/connection.json" \
      "$@" >"$second_dir/service.log" 2>&1 &
  second_pid=$!
  await_healthy "$second_pid" "$second_base" "$second_dir/service.log" "second instance"
}

stop_second_service() {
  [ -z "$second_pid" ] && return
  stop_instance "$second_pid" "$run_dir/second/service.log" "second instance "
  second_pid=
}

run_anchoring() {
  log "=== anchoring: ${ANCHORING_CALLERS} callers x ${ANCHORING_DOCUMENTS} documents through the API until anchored" \
      "(document sweep every ${ANCHORING_SWEEP}, ${ANCHORING_INSTANCES} instance(s)) ==="
  if [ "$ANCHORING_INSTANCES" = 2 ] && [ "${SERVICE_LEDGER:-embedded}" != fabric ]; then
    echo "ANCHORING_INSTANCES=2 needs SERVICE_LEDGER=fabric: two instances with embedded ledgers hold two ledgers" >&2
    exit 2
  fi
  start_service anchoring --reserve.workflow.document-anchor-interval="$ANCHORING_SWEEP"
  local bases=$base pids=$service_pid
  if [ "$ANCHORING_INSTANCES" = 2 ]; then
    start_second_service --reserve.workflow.document-anchor-interval="$ANCHORING_SWEEP"
    bases="$base,$second_base"; pids="$service_pid,$second_pid"
  fi
  env_line; echo "ENV service_flags=\"$service_flags\" sweep=$ANCHORING_SWEEP instances=$ANCHORING_INSTANCES"
  bench_java AnchoringLoad "$bases" "$PW" "$ANCHORING_CALLERS" "$ANCHORING_DOCUMENTS" "$pids"
  env_line
  stop_second_service
  stop_service
}

run_cockpit() {
  log "=== cockpit: ${COCKPIT_PROJECTS} projects (${COCKPIT_REVIEWED} in review, ${COCKPIT_ARCHIVED} archived), then ${COCKPIT_ROUNDS} timed reads each ==="
  start_service cockpit
  env_line; echo "ENV service_flags=\"$service_flags\""
  bench_java CockpitBench "$base" "$PW" "$COCKPIT_PROJECTS" "$COCKPIT_REVIEWED" "$COCKPIT_ARCHIVED" \
      "$COCKPIT_CONCURRENCY" "$COCKPIT_ROUNDS"
  echo "INFO data dir: $(du -sh "$svc_dir/data" | cut -f1)"
  env_line
  stop_service
}

case "$what" in
  ledger|fabric) build_ledger ;;
  *) build ;;
esac
case "$what" in
  ledger) run_ledger ;;
  fabric) run_fabric ;;
  ingest) run_ingest ;;
  verify) run_verify ;;
  lifecycle) run_lifecycle ;;
  cockpit) run_cockpit ;;
  anchoring) run_anchoring ;;
  all) run_ingest; run_verify; run_lifecycle; run_cockpit ;;   # the service benchmarks; ledger and fabric by name
esac
