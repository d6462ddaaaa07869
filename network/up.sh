#!/usr/bin/env bash
# Brings up the land reserve Fabric network as native processes on 127.0.0.1 (no Docker):
# one Raft orderer (OrdererMSP), a peer of the reserve bureau (ReserveBureauMSP) and one of the
# audit bureau (AuditBureauMSP), channel "landreserve", the evidence chaincode from ../chaincode
# run as a service (CCAAS) with the endorsement policy AND(reserve peer, audit peer), and the
# service's identity (ReserveBureauMSP client with evidence.writer=true). Writes everything the
# service needs to connect to build/connection.json.
#
# Safe to run again: finished steps are skipped and stopped processes are started again.
#
# Environment: FABRIC_BIN (bin/ of a Fabric release; else PATH), FABRIC_CFG_DIR (its config/;
# default: beside bin/), BATCH_TIMEOUT (orderer batch timeout when the channel is created,
# default 250ms), NETWORK_BUILD_DIR (default network/build), JAVA (default java).
# Exit status 3: Fabric binaries or their configuration are missing.
set -euo pipefail
# shellcheck source=lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

STARTED=$SECONDS
find_fabric
JAVA=${JAVA:-java}
for tool in openssl tar "$JAVA"; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
mkdir -p "$BUILD"/{config,channel,chaincode,service,logs,pids,data}

# ---- MSP material ----
if [ ! -f "$BUILD/crypto/.complete" ]; then
  rm -rf "$BUILD/crypto"
  "$BIN_CRYPTOGEN" generate --config "$NETWORK_DIR/config/crypto-config.yaml" --output "$BUILD/crypto" >/dev/null
  touch "$BUILD/crypto/.complete"
  say "MSP material generated (cryptogen)"
fi

# The service's identity: a ReserveBureauMSP client certificate carrying the Fabric CA attribute
# extension (OID 1.2.3.4.5.6.7.8.1) evidence.writer=true, which cryptogen cannot issue.
if [ ! -f "$BUILD/service/cert.pem" ]; then
  org_vars reserve
  ca_cert="$ORG_DIR/ca/ca.$ORG_DOMAIN-cert.pem"
  attrs='{"attrs":{"evidence.writer":"true","hf.EnrollmentID":"evidence-service","hf.Type":"client"}}'
  openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out "$BUILD/service/key.pem"
  chmod 600 "$BUILD/service/key.pem"
  openssl req -new -key "$BUILD/service/key.pem" -subj "/O=ReserveBureau/OU=client/CN=evidence-service" \
    -out "$BUILD/service/cert.csr"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "subjectKeyIdentifier=hash"
    echo "authorityKeyIdentifier=keyid"
    echo "1.2.3.4.5.6.7.8.1=DER:$(printf '%s' "$attrs" | od -An -tx1 | tr -d ' \n')"
  } >"$BUILD/service/cert.ext"
  openssl x509 -req -in "$BUILD/service/cert.csr" -CA "$ca_cert" -CAkey "$ORG_DIR/ca/priv_sk" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 -extfile "$BUILD/service/cert.ext" \
    -out "$BUILD/service/cert.pem.tmp" 2>/dev/null
  mv "$BUILD/service/cert.pem.tmp" "$BUILD/service/cert.pem"
  say "service identity issued: build/service/cert.pem (ReserveBureauMSP, evidence.writer=true)"
fi

# ---- channel genesis block ----
if [ ! -f "$BUILD/channel/$CHANNEL.block" ]; then
  sed -e "s/@BATCH_TIMEOUT@/$BATCH_TIMEOUT/" -e "s/@ORDERER_PORT@/$ORDERER_PORT/g" \
    -e "s/@RESERVE_PEER_PORT@/$RESERVE_PEER_PORT/" -e "s/@AUDIT_PEER_PORT@/$AUDIT_PEER_PORT/" \
    "$NETWORK_DIR/config/configtx.yaml.in" >"$BUILD/config/configtx.yaml"
  "$BIN_CONFIGTXGEN" -configPath "$BUILD/config" -profile LandReserveChannel -channelID "$CHANNEL" \
    -outputBlock "$BUILD/channel/$CHANNEL.block.tmp" 2>>"$BUILD/logs/configtxgen.log"
  mv "$BUILD/channel/$CHANNEL.block.tmp" "$BUILD/channel/$CHANNEL.block"
  say "channel $CHANNEL genesis block written (BatchTimeout $BATCH_TIMEOUT)"
fi

# ---- orderer ----
start_process orderer "$BIN_ORDERER" env FABRIC_CFG_PATH="$FABRIC_CFG_DIR" \
  FABRIC_LOGGING_SPEC=info \
  ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 \
  ORDERER_GENERAL_LISTENPORT=$ORDERER_PORT \
  ORDERER_GENERAL_LOCALMSPID=OrdererMSP \
  ORDERER_GENERAL_LOCALMSPDIR="$ORDERER_NODE/msp" \
  ORDERER_GENERAL_TLS_ENABLED=true \
  ORDERER_GENERAL_TLS_PRIVATEKEY="$ORDERER_NODE/tls/server.key" \
  ORDERER_GENERAL_TLS_CERTIFICATE="$ORDERER_NODE/tls/server.crt" \
  ORDERER_GENERAL_TLS_ROOTCAS="[$ORDERER_NODE/tls/ca.crt]" \
  ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$ORDERER_NODE/tls/server.crt" \
  ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$ORDERER_NODE/tls/server.key" \
  ORDERER_GENERAL_CLUSTER_ROOTCAS="[$ORDERER_NODE/tls/ca.crt]" \
  ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
  ORDERER_CHANNELPARTICIPATION_ENABLED=true \
  ORDERER_ADMIN_LISTENADDRESS=127.0.0.1:$ORDERER_ADMIN_PORT \
  ORDERER_ADMIN_TLS_ENABLED=true \
  ORDERER_ADMIN_TLS_CERTIFICATE="$ORDERER_NODE/tls/server.crt" \
  ORDERER_ADMIN_TLS_PRIVATEKEY="$ORDERER_NODE/tls/server.key" \
  ORDERER_ADMIN_TLS_ROOTCAS="[$ORDERER_NODE/tls/ca.crt]" \
  ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
  ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$ORDERER_NODE/tls/ca.crt]" \
  ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:$ORDERER_OPS_PORT \
  ORDERER_METRICS_PROVIDER=disabled \
  ORDERER_FILELEDGER_LOCATION="$BUILD/data/orderer" \
  ORDERER_CONSENSUS_WALDIR="$BUILD/data/orderer/etcdraft/wal" \
  ORDERER_CONSENSUS_SNAPDIR="$BUILD/data/orderer/etcdraft/snapshot" \
  "$BIN_ORDERER"
wait_port "$ORDERER_ADMIN_PORT" 30 orderer
wait_port "$ORDERER_PORT" 30 orderer

osnadmin() {
  "$BIN_OSNADMIN" "$@" -o "127.0.0.1:$ORDERER_ADMIN_PORT" --ca-file "$ORDERER_TLS_CA" \
    --client-cert "$ORDERER_ADMIN_TLS/client.crt" --client-key "$ORDERER_ADMIN_TLS/client.key"
}
if ! osnadmin channel list --channelID "$CHANNEL" 2>/dev/null | grep -q '"name"'; then
  osnadmin channel join --channelID "$CHANNEL" --config-block "$BUILD/channel/$CHANNEL.block" >/dev/null
  say "orderer joined channel $CHANNEL"
fi

# ---- peers ----
start_peer() {
  local org=$1 cc_port=$2 ops_port=$3
  org_vars "$org"
  local node=$ORG_DIR/peers/peer0.$ORG_DOMAIN
  start_process "peer0.$org" "$BIN_PEER" env FABRIC_CFG_PATH="$FABRIC_CFG_DIR" \
    FABRIC_LOGGING_SPEC="info:gossip,grpc=warning" \
    CORE_PEER_ID="peer0.$ORG_DOMAIN" \
    CORE_PEER_ADDRESS="127.0.0.1:$ORG_PORT" \
    CORE_PEER_LISTENADDRESS="127.0.0.1:$ORG_PORT" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$cc_port" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$cc_port" \
    CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$ORG_PORT" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$ORG_PORT" \
    CORE_PEER_LOCALMSPID="$ORG_MSP" \
    CORE_PEER_MSPCONFIGPATH="$node/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$node/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$node/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$node/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$BUILD/data/peer0.$org" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$BUILD/data/peer0.$org/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$ops_port" \
    CORE_METRICS_PROVIDER=disabled \
    CORE_VM_ENDPOINT="" \
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas, path: $NETWORK_DIR/builders/ccaas}]" \
    CORE_PEER_GATEWAY_ENABLED=true \
    "$BIN_PEER" node start
}
start_peer reserve 7052 9444
start_peer audit 9052 9445
wait_port "$RESERVE_PEER_PORT" 30 peer0.reserve
wait_port "$AUDIT_PEER_PORT" 30 peer0.audit

for org in reserve audit; do
  if ! as_admin "$org" "$BIN_PEER" channel list 2>/dev/null | grep -qx "$CHANNEL"; then
    as_admin "$org" "$BIN_PEER" channel join -b "$BUILD/channel/$CHANNEL.block" 2>>"$BUILD/logs/cli.log"
    say "peer0.$org joined channel $CHANNEL"
  fi
done

# ---- chaincode as a service ----
CC_JAR=$REPO_DIR/chaincode/target/chaincode.jar
if [ ! -f "$CC_JAR" ] || [ -n "$(find "$REPO_DIR/chaincode/src/main" "$REPO_DIR/chaincode/pom.xml" -newer "$CC_JAR" -print -quit)" ]; then
  say "building the chaincode jar (missing, or older than chaincode/src/main)"
  (cd "$REPO_DIR" && ./mvnw -q -pl chaincode package -DskipTests)
fi
CC_PACKAGE=$BUILD/chaincode/$CHAINCODE.tar.gz
if [ ! -f "$CC_PACKAGE" ]; then
  work=$(mktemp -d)
  printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":false}\n' "$CHAINCODE_PORT" \
    >"$work/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" >"$work/metadata.json"
  tar -C "$work" -czf "$work/code.tar.gz" connection.json
  tar -C "$work" -czf "$CC_PACKAGE.tmp" metadata.json code.tar.gz
  mv "$CC_PACKAGE.tmp" "$CC_PACKAGE"
  rm -rf "$work"
fi
PACKAGE_ID=$(env FABRIC_CFG_PATH="$FABRIC_CFG_DIR" "$BIN_PEER" lifecycle chaincode calculatepackageid "$CC_PACKAGE")
for org in reserve audit; do
  if ! as_admin "$org" "$BIN_PEER" lifecycle chaincode queryinstalled 2>/dev/null | grep -qF "$PACKAGE_ID"; then
    as_admin "$org" "$BIN_PEER" lifecycle chaincode install "$CC_PACKAGE" 2>>"$BUILD/logs/cli.log"
    say "chaincode package installed on peer0.$org"
  fi
done

# A clean environment: an inherited CORE_PEER_TLS_ENABLED would make the server demand TLS files.
start_process chaincode "$CC_JAR" env -i PATH="$PATH" HOME="${HOME:-/tmp}" \
  CHAINCODE_SERVER_ADDRESS="127.0.0.1:$CHAINCODE_PORT" \
  CORE_CHAINCODE_ID_NAME="$PACKAGE_ID" \
  EVIDENCE_WRITER_MSP=ReserveBureauMSP \
  "$JAVA" -Xmx256m -jar "$CC_JAR"
wait_port "$CHAINCODE_PORT" 60 chaincode

ORDERER_ARGS=(-o "127.0.0.1:$ORDERER_PORT" --ordererTLSHostnameOverride "$ORDERER_HOST" --tls --cafile "$ORDERER_TLS_CA")
if ! as_admin reserve "$BIN_PEER" lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" >/dev/null 2>&1; then
  for org in reserve audit; do
    as_admin "$org" "$BIN_PEER" lifecycle chaincode approveformyorg "${ORDERER_ARGS[@]}" -C "$CHANNEL" \
      -n "$CHAINCODE" -v "$CC_VERSION" --sequence "$CC_SEQUENCE" --package-id "$PACKAGE_ID" \
      --signature-policy "$CC_POLICY" --waitForEvent 2>>"$BUILD/logs/cli.log"
    say "chaincode definition approved by $ORG_MSP"
  done
  org_vars reserve
  reserve_tls=$ORG_DIR/tlsca/tlsca.$ORG_DOMAIN-cert.pem
  org_vars audit
  audit_tls=$ORG_DIR/tlsca/tlsca.$ORG_DOMAIN-cert.pem
  as_admin reserve "$BIN_PEER" lifecycle chaincode commit "${ORDERER_ARGS[@]}" -C "$CHANNEL" -n "$CHAINCODE" \
    -v "$CC_VERSION" --sequence "$CC_SEQUENCE" --signature-policy "$CC_POLICY" \
    --peerAddresses "127.0.0.1:$RESERVE_PEER_PORT" --tlsRootCertFiles "$reserve_tls" \
    --peerAddresses "127.0.0.1:$AUDIT_PEER_PORT" --tlsRootCertFiles "$audit_tls" \
    --waitForEvent 2>>"$BUILD/logs/cli.log"
  say "chaincode $CHAINCODE committed on $CHANNEL with policy $CC_POLICY"
fi

# ---- trust bundle: every CA a receipt's signers chain to (both organisations' for creator and endorsers, the
# orderer organisation's for block signatures), one PEM after another; auditors pin it with --ca ----
CRYPTO="$BUILD/crypto"
cat "$CRYPTO/peerOrganizations/reserve.landreserve.test/ca/ca.reserve.landreserve.test-cert.pem" \
    "$CRYPTO/peerOrganizations/audit.landreserve.test/ca/ca.audit.landreserve.test-cert.pem" \
    "$CRYPTO/ordererOrganizations/orderer.landreserve.test/ca/ca.orderer.landreserve.test-cert.pem" \
    >"$BUILD/trust-bundle.pem.new"
mv "$BUILD/trust-bundle.pem.new" "$BUILD/trust-bundle.pem"

# ---- connection file (paths relative to it) ----
cat >"$BUILD/connection.json" <<JSON
{
  "endpoint": "127.0.0.1:$RESERVE_PEER_PORT",
  "tlsCaCert": "crypto/peerOrganizations/reserve.landreserve.test/tlsca/tlsca.reserve.landreserve.test-cert.pem",
  "serverNameOverride": "peer0.reserve.landreserve.test",
  "mspId": "ReserveBureauMSP",
  "clientCert": "service/cert.pem",
  "privateKey": "service/key.pem",
  "channel": "$CHANNEL",
  "chaincode": "$CHAINCODE",
  "endorsingOrganisations": ["ReserveBureauMSP", "AuditBureauMSP"],
  "organisationCas": ["trust-bundle.pem"]
}
JSON
say "network up in $((SECONDS - STARTED)) s; the service connects with $BUILD/connection.json;"\
  "auditors pin $BUILD/trust-bundle.pem"
