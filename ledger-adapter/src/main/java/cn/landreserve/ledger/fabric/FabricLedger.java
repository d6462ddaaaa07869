package cn.landreserve.ledger.fabric;

import cn.landreserve.ledger.ContractLedger;
import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The evidence ledger on a Fabric channel: the same contract as the embedded engine, run by the
 * channel's peers and ordered by its orderers, reached through a peer's Gateway service.
 *
 * <p>Writes are idempotent as the port requires: the proposal is endorsed first, and when the
 * contract answers with the record already anchored by an earlier transaction, nothing is
 * submitted and the original anchoring is returned. Receipts are built from the committed block
 * (qscc {@code GetBlockByTxID}) in the format the embedded engine uses and are checked by the
 * same {@link cn.landreserve.ledger.receipt.ReceiptVerifier}.
 *
 * <p>Create with {@link #connect(FabricLedgerConfig)}; it does not contact the network (the gRPC
 * channel connects on first use), so a peer that is down shows in {@link #health()}.
 */
public final class FabricLedger extends ContractLedger {
    private static final String ENGINE = "fabric";

    private final FabricLedgerConfig config;
    private final FabricGatewayClient client;
    private final List<String> caPems;
    private final List<X509Certificate> cas;
    private volatile boolean closed;

    private FabricLedger(FabricLedgerConfig config, FabricGatewayClient client, List<String> caPems,
            List<X509Certificate> cas) {
        this.config = config;
        this.client = client;
        this.caPems = caPems;
        this.cas = cas;
    }

    /**
     * Reads the identity, the TLS CA and the organisation CAs from their files and opens the
     * gateway connection.
     *
     * @throws LedgerUnavailableException when a file is missing or unreadable
     */
    public static FabricLedger connect(FabricLedgerConfig config) throws LedgerUnavailableException {
        List<String> pems = new ArrayList<>();
        List<X509Certificate> cas = new ArrayList<>();
        for (Path file : config.organisationCas()) {
            try {
                // one certificate per file, or a bundle of several (network/up.sh writes trust-bundle.pem)
                for (X509Certificate ca : Certificates.parsePem(Files.readString(file))) {
                    cas.add(ca);
                    pems.add(Certificates.toPem(ca));
                }
            } catch (IOException | CertificateException e) {
                throw new LedgerUnavailableException(LedgerPhase.OPEN, "cannot read organisation CA certificate " + file + ": " + e, e);
            }
        }
        return new FabricLedger(config, FabricGatewayClient.connect(config), List.copyOf(pems), List.copyOf(cas));
    }

    /** The organisation CA certificates receipts carry; auditors pin these. */
    public List<X509Certificate> organisationCas() {
        return cas;
    }

    /** Every organisation CA receipts carry (both organisations' and the orderer's), one PEM after another. */
    @Override
    public String trustBundlePem() {
        return String.join("", caPems);
    }

    /** The configuration this ledger was connected with. */
    public FabricLedgerConfig config() {
        return config;
    }

    // ---- writes ----

    @Override
    protected String anchoredBy() {
        return config.anchoredBy();
    }

    @Override
    protected Executed execute(String function, String subject, String... args)
            throws LedgerRejectedException, LedgerUnavailableException {
        unavailableIfClosed(LedgerPhase.ENDORSE);
        FabricGatewayClient.Outcome outcome = client.transact(subject, function, List.of(args),
                (txId, result) -> writesAnything(txId, stored(result)));
        return new Executed(outcome.txId(), utf8(outcome.result()), outcome.blockNumber());
    }

    /** Whether the contract's answer shows a record anchored by this transaction (else nothing needs ordering). */
    private static boolean writesAnything(String txId, JsonNode answer) {
        if (!answer.isArray()) {
            return txId.equals(answer.path("anchoredTxId").asText());
        }
        for (JsonNode stored : answer) {
            if (txId.equals(stored.path("anchoredTxId").asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected long blockOf(String evidenceId, String txId) throws LedgerRejectedException, LedgerUnavailableException {
        return client.blockByTxId(txId).getHeader().getNumber();
    }

    private static JsonNode stored(byte[] result) {
        return CanonicalJson.tree(result);
    }

    // ---- reads ----

    @Override
    protected String query(String function, String... arguments)
            throws LedgerRejectedException, LedgerUnavailableException {
        unavailableIfClosed(LedgerPhase.EVALUATE);
        return utf8(client.evaluate(arguments[0], function, arguments));
    }

    @Override
    public long blockOf(LedgerEntry entry) throws LedgerUnavailableException {
        unavailableIfClosed(LedgerPhase.EVALUATE);
        try {
            return client.blockByTxId(entry.txId()).getHeader().getNumber();
        } catch (LedgerRejectedException e) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, entry.txId(), e.status(),
                    "the ledger holds " + entry.evidenceId() + " but no block for tx "
                    + entry.txId() + ": " + e.getMessage(), e);
        }
    }

    // ---- receipts ----

    @Override
    protected Receipt receiptOf(String evidenceId, Integer leafIndex)
            throws LedgerRejectedException, LedgerUnavailableException {
        LedgerEntry entry = findById(evidenceId).orElseThrow(() ->
                new LedgerRejectedException(ErrorCode.NOT_FOUND, evidenceId, LedgerPhase.EVALUATE,
                        "NOT_FOUND: no evidence " + evidenceId));
        Block block = client.blockByTxId(entry.txId());
        int txIndex = indexOf(block, entry.txId());
        if (txIndex < 0) {
            throw new LedgerUnavailableException(LedgerPhase.EVALUATE, entry.txId(), null,
                    "block " + block.getHeader().getNumber() + " returned for transaction "
                    + entry.txId() + " does not hold it", null);
        }
        ReceiptBuilder builder = new ReceiptBuilder(ENGINE, config.channel(), config.chaincode(), evidenceId,
                entry.stateJson().getBytes(StandardCharsets.UTF_8), block, txIndex, caPems);
        return build(builder, evidenceId, leafIndex);
    }

    /** The position of a transaction in a block, its VALID copy first (a resubmitted copy is a duplicate). */
    static int indexOf(Block block, String txId) throws LedgerUnavailableException {
        ByteString filter = block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) : ByteString.EMPTY;
        int found = -1;
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            try {
                Payload payload = Payload.parseFrom(Envelope.parseFrom(block.getData().getData(i)).getPayload());
                if (ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId().equals(txId)) {
                    if (i < filter.size() && (filter.byteAt(i) & 0xff) == TxValidationCode.VALID_VALUE) {
                        return i;
                    }
                    found = found < 0 ? i : found;
                }
            } catch (InvalidProtocolBufferException e) {
                throw new LedgerUnavailableException(LedgerPhase.EVALUATE, txId, null, "block "
                        + block.getHeader().getNumber() + " envelope " + i + " is unreadable", e);
            }
        }
        return found;
    }

    // ---- state ----

    /**
     * UP when the gateway answers and a peer of every organisation whose endorsement the policy requires
     * ({@link FabricLedgerConfig#requiredOrganisations()}) answers the evidence contract; DEGRADED, naming the
     * organisations that cannot be reached, when the gateway answers but one of them does not (nothing can be
     * endorsed then); DOWN when the gateway does not answer.
     */
    @Override
    public LedgerHealth health() {
        String where = "channel " + config.channel() + " via " + config.endpoint() + " as " + config.mspId();
        if (closed) {
            return new LedgerHealth(false, ENGINE, 0, "", "closed");
        }
        BlockchainInfo info;
        try {
            info = client.chainInfo();
        } catch (LedgerUnavailableException e) {
            return new LedgerHealth(false, ENGINE, 0, "", where + ": " + e.getMessage());
        }
        List<String> unreachable = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (String organisation : config.requiredOrganisations()) {
            try {
                client.probe(organisation);
            } catch (LedgerUnavailableException e) {
                unreachable.add(organisation);
                why.append("; ").append(organisation).append(": ").append(e.getMessage());
            }
        }
        String hash = HexFormat.of().formatHex(info.getCurrentBlockHash().toByteArray());
        if (!unreachable.isEmpty()) {
            return LedgerHealth.degraded(ENGINE, info.getHeight(), hash, unreachable, where
                    + "; no endorsement possible without " + String.join(", ", unreachable) + why);
        }
        return new LedgerHealth(true, ENGINE, info.getHeight(), hash, where);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.close();
    }

    private void unavailableIfClosed(LedgerPhase phase) throws LedgerUnavailableException {
        if (closed) {
            throw new LedgerUnavailableException(phase, "the Fabric ledger connection is closed");
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
