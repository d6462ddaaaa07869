#!/usr/bin/env bash
# Stops what up.sh started, and only that: each process recorded in build/pids/ whose command line
# still matches what up.sh launched. Keeps the ledgers and MSP material, so up.sh resumes them.
#
# Usage: down.sh                 stop everything (chaincode server, peers, orderer)
#        down.sh NAME...         stop some: chaincode, peer0.reserve, peer0.audit, orderer
#        down.sh --clean         stop everything and delete build/ (a new network next time)
set -euo pipefail
# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

ALL=(chaincode peer0.reserve peer0.audit orderer)
clean=false
names=()
for arg in "$@"; do
  case "$arg" in
    --clean) clean=true ;;
    chaincode | peer0.reserve | peer0.audit | orderer) names+=("$arg") ;;
    *) die "unknown argument $arg (expected --clean or one of: ${ALL[*]})" ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  names=("${ALL[@]}")
fi
if [ ! -d "$BUILD/pids" ]; then
  say "nothing to stop: $BUILD/pids does not exist"
else
  for name in "${names[@]}"; do
    stop_process "$name"
  done
fi
if $clean; then
  for name in "${ALL[@]}"; do
    if running_pid "$name" >/dev/null; then
      die "$name is still running; not deleting $BUILD"
    fi
  done
  rm -rf "$BUILD"
  say "deleted $BUILD"
fi
