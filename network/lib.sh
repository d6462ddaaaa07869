# shellcheck shell=bash disable=SC2034
# Shared by up.sh and down.sh: names, ports, paths, and process bookkeeping.
# Every process up.sh starts is recorded in build/pids/<name>.pid as "<pid> <cmdline marker>";
# down.sh stops a process only if it is alive and its command line still holds the marker.

NETWORK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$NETWORK_DIR")
BUILD=${NETWORK_BUILD_DIR:-$NETWORK_DIR/build}
CHANNEL=landreserve
CHAINCODE=evidence
CC_LABEL=evidence_1.0
CC_VERSION=1.0
CC_SEQUENCE=1
CC_POLICY="AND('ReserveBureauMSP.peer','AuditBureauMSP.peer')"
BATCH_TIMEOUT=${BATCH_TIMEOUT:-250ms}

ORDERER_PORT=7050
ORDERER_ADMIN_PORT=7053
ORDERER_OPS_PORT=8443
RESERVE_PEER_PORT=7051
AUDIT_PEER_PORT=9051
CHAINCODE_PORT=9999

ORDERER_DOMAIN=orderer.landreserve.test
ORDERER_HOST=orderer0.$ORDERER_DOMAIN
ORDERER_DIR=$BUILD/crypto/ordererOrganizations/$ORDERER_DOMAIN
ORDERER_NODE=$ORDERER_DIR/orderers/$ORDERER_HOST
ORDERER_TLS_CA=$ORDERER_DIR/tlsca/tlsca.$ORDERER_DOMAIN-cert.pem
ORDERER_ADMIN_TLS=$ORDERER_DIR/users/Admin@$ORDERER_DOMAIN/tls

FABRIC_BINARIES=(peer orderer configtxgen osnadmin cryptogen)

say() {
  printf '%s %s\n' "$(date +%H:%M:%S)" "$*"
}

die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

# Finds the Fabric binaries in FABRIC_BIN, then on PATH, and the peer's and orderer's default
# configuration (core.yaml, orderer.yaml) in FABRIC_CFG_DIR or the release's config/ beside bin/.
# Exits 3 with one message when anything is missing.
find_fabric() {
  local missing=() b found
  for b in "${FABRIC_BINARIES[@]}"; do
    found=""
    if [ -n "${FABRIC_BIN:-}" ] && [ -x "$FABRIC_BIN/$b" ]; then
      found="$FABRIC_BIN/$b"
    elif command -v "$b" >/dev/null 2>&1; then
      found=$(command -v "$b")
    fi
    if [ -z "$found" ]; then
      missing+=("$b")
    else
      printf -v "BIN_${b^^}" '%s' "$found"
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    printf '%s: Fabric binaries not found: %s. Set FABRIC_BIN to the bin/ directory of a Hyperledger Fabric 3.x (or 2.5) release, or put them on PATH.\n' \
      "$(basename "$0")" "${missing[*]}" >&2
    exit 3
  fi
  FABRIC_CFG_DIR=${FABRIC_CFG_DIR:-$(dirname "$(dirname "$BIN_PEER")")/config}
  if [ ! -f "$FABRIC_CFG_DIR/core.yaml" ] || [ ! -f "$FABRIC_CFG_DIR/orderer.yaml" ]; then
    printf '%s: core.yaml and orderer.yaml not found in %s. Set FABRIC_CFG_DIR to the config/ directory of the Fabric release.\n' \
      "$(basename "$0")" "$FABRIC_CFG_DIR" >&2
    exit 3
  fi
}

pid_file() {
  printf '%s/pids/%s.pid' "$BUILD" "$1"
}

# Prints the pid of a process up.sh started if it is still that process; fails otherwise.
running_pid() {
  local file pid marker
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  read -r pid marker <"$file" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  printf '%s' "$pid"
}

# start_process NAME MARKER COMMAND...: starts COMMAND detached, logs to build/logs/NAME.log.
start_process() {
  local name=$1 marker=$2 pid
  shift 2
  if pid=$(running_pid "$name"); then
    say "$name already running (pid $pid)"
    return 0
  fi
  mkdir -p "$BUILD/pids" "$BUILD/logs"
  setsid "$@" >>"$BUILD/logs/$name.log" 2>&1 </dev/null &
  printf '%s %s\n' "$!" "$marker" >"$(pid_file "$name")"
  say "$name started (pid $!), log build/logs/$name.log"
}

stop_process() {
  local name=$1 pid i
  if pid=$(running_pid "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
      if [ "$i" -eq 50 ]; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
    say "$name stopped (pid $pid)"
  fi
  rm -f "$(pid_file "$name")"
}

# wait_port PORT SECONDS NAME: waits until something listens on 127.0.0.1:PORT.
wait_port() {
  local port=$1 seconds=$2 name=$3 i
  for i in $(seq 1 $((seconds * 5))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if [ $((i % 25)) -eq 0 ] && ! running_pid "$name" >/dev/null; then
      die "$name exited; see build/logs/$name.log"
    fi
    sleep 0.2
  done
  die "$name did not listen on 127.0.0.1:$port within ${seconds}s; see build/logs/$name.log"
}

# org_vars reserve|audit: sets ORG_MSP, ORG_DOMAIN, ORG_PORT, ORG_DIR for an organisation.
org_vars() {
  case "$1" in
    reserve) ORG_MSP=ReserveBureauMSP ORG_DOMAIN=reserve.landreserve.test ORG_PORT=$RESERVE_PEER_PORT ;;
    audit) ORG_MSP=AuditBureauMSP ORG_DOMAIN=audit.landreserve.test ORG_PORT=$AUDIT_PEER_PORT ;;
    *) die "unknown organisation $1" ;;
  esac
  ORG_DIR=$BUILD/crypto/peerOrganizations/$ORG_DOMAIN
}

# as_admin reserve|audit COMMAND...: runs a peer CLI command as the organisation's admin.
as_admin() {
  org_vars "$1"
  shift
  env FABRIC_CFG_PATH="$FABRIC_CFG_DIR" \
    CORE_PEER_LOCALMSPID="$ORG_MSP" \
    CORE_PEER_MSPCONFIGPATH="$ORG_DIR/users/Admin@$ORG_DOMAIN/msp" \
    CORE_PEER_ADDRESS="127.0.0.1:$ORG_PORT" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$ORG_DIR/tlsca/tlsca.$ORG_DOMAIN-cert.pem" \
    "$@"
}
