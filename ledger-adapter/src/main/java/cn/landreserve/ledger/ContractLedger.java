package cn.landreserve.ledger;

import cn.landreserve.chaincode.BatchRecord;
import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.chaincode.Fields;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.ProjectSeal;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.merkle.InclusionProof;
import cn.landreserve.ledger.merkle.MerkleTree;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The port expressed as the evidence contract's transactions and queries, once for every engine: an engine says only
 * how a transaction is executed ({@link #execute}), where an earlier transaction was committed ({@link #blockOf}), how a query is evaluated ({@link #query}), how a receipt is
 * built from its blocks ({@link #receiptOf}) and who it anchors as.
 */
public abstract class ContractLedger implements EvidenceLedger {

    /**
     * What one transaction of the evidence contract came to.
     *
     * @param txId the transaction's id
     * @param result the contract's answer (stored evidence JSON, or an array of it for a group)
     * @param blockNumber the block that committed it, or -1 when nothing needed committing (every record it names
     *     was already anchored by earlier transactions)
     */
    public record Executed(String txId, String result, long blockNumber) {
    }

    /**
     * Executes one transaction of the evidence contract and, if it wrote anything, waits until it is committed.
     *
     * @param subject the evidence the transaction is about, for errors
     */
    protected abstract Executed execute(String function, String subject, String... args)
            throws LedgerRejectedException, LedgerUnavailableException;

    /** The block holding {@code txId}, which anchored {@code evidenceId}. */
    protected abstract long blockOf(String evidenceId, String txId)
            throws LedgerRejectedException, LedgerUnavailableException;

    /** Submits one single-record transaction and says where its record is anchored. */
    protected Anchoring submit(String function, String evidenceId, String... args)
            throws LedgerRejectedException, LedgerUnavailableException {
        Executed executed = execute(function, evidenceId, args);
        return anchoring(executed, CanonicalJson.tree(executed.result().getBytes(StandardCharsets.UTF_8)));
    }

    private Anchoring anchoring(Executed executed, JsonNode stored)
            throws LedgerRejectedException, LedgerUnavailableException {
        String evidenceId = stored.path("record").path("evidenceId").asText();
        String anchoredTxId = stored.path("anchoredTxId").asText();
        String anchoredAt = stored.path("anchoredAt").asText();
        if (executed.blockNumber() >= 0 && anchoredTxId.equals(executed.txId())) {
            return new Anchoring(evidenceId, anchoredTxId, executed.blockNumber(), anchoredAt, false);
        }
        return new Anchoring(evidenceId, anchoredTxId, blockOf(evidenceId, anchoredTxId), anchoredAt, true);
    }

    @Override
    public List<Anchoring> anchorGroup(List<? extends EvidenceRecord> records)
            throws LedgerRejectedException, LedgerUnavailableException {
        if (records.isEmpty()) {
            return List.of();
        }
        String subject = records.get(0).evidenceId();
        if (records.size() > EvidenceContract.MAX_GROUP) {
            throw new LedgerRejectedException(ErrorCode.INVALID_RECORD, subject, LedgerPhase.ENDORSE,
                    "INVALID_RECORD: a group holds 1 to "
                    + EvidenceContract.MAX_GROUP + " records, not " + records.size());
        }
        ArrayNode items = CanonicalJson.mapper().createArrayNode();
        for (EvidenceRecord record : records) {
            ObjectNode item = items.addObject();
            item.put("kind", record.kind().name());
            item.set("record", CanonicalJson.mapper().valueToTree(record));
        }
        Executed executed = execute("anchorGroup", subject, CanonicalJson.string(items));
        List<Anchoring> out = new ArrayList<>(records.size());
        for (JsonNode stored : CanonicalJson.tree(executed.result().getBytes(StandardCharsets.UTF_8))) {
            out.add(anchoring(executed, stored));
        }
        return out;
    }

    /** The name recorded as {@code anchoredBy} in batch records. */
    protected abstract String anchoredBy();

    /**
     * Evaluates one read-only function of the evidence contract; its JSON answer. The first argument names what is
     * read (an evidence id, a digest, a project) in failures.
     */
    protected abstract String query(String function, String... arguments)
            throws LedgerRejectedException, LedgerUnavailableException;

    /** The receipt of an evidence record, or of one item of a batch when {@code leafIndex} is given. */
    protected abstract Receipt receiptOf(String evidenceId, Integer leafIndex)
            throws LedgerRejectedException, LedgerUnavailableException;

    @Override
    public Optional<LedgerEntry> findById(String evidenceId) throws LedgerUnavailableException {
        try {
            return Optional.of(LedgerEntry.of(query("readEvidence", evidenceId), null));
        } catch (LedgerRejectedException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_RECORD) {
                return Optional.empty();
            }
            throw unexpected(e);
        }
    }

    @Override
    public Optional<LedgerEntry> projectFacts(String projectId) throws LedgerUnavailableException {
        try {
            return Optional.of(LedgerEntry.of(query("readProjectFacts", projectId), null));
        } catch (LedgerRejectedException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_RECORD) {
                return Optional.empty();
            }
            throw unexpected(e);
        }
    }

    /** A read the contract refused with a code no read should meet: the ledger is not the one this service knows. */
    private static LedgerUnavailableException unexpected(LedgerRejectedException e) {
        return new LedgerUnavailableException(e.phase(), e.transactionId(), e.status(),
                "unexpected rejection of a read: " + e.getMessage(), e);
    }

    @Override
    public List<LedgerEntry> findByDigest(String hexDigest) throws LedgerUnavailableException {
        List<LedgerEntry> out = new ArrayList<>();
        try {
            for (JsonNode hit : CanonicalJson.tree(query("findByDigest", hexDigest).getBytes(StandardCharsets.UTF_8))) {
                out.add(LedgerEntry.of(CanonicalJson.string(hit.get("evidence")),
                        hit.get("leafIndex").isNull() ? null : hit.get("leafIndex").asLong()));
            }
        } catch (LedgerRejectedException e) {
            return List.of();
        }
        return out;
    }

    @Override
    public Optional<LedgerEntry> findInBatch(String batchId, String hexDigest) throws LedgerUnavailableException {
        try {
            JsonNode hit = CanonicalJson.tree(query("findInBatch", batchId, hexDigest).getBytes(StandardCharsets.UTF_8));
            return Optional.of(LedgerEntry.of(CanonicalJson.string(hit.get("evidence")), hit.get("leafIndex").asLong()));
        } catch (LedgerRejectedException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_RECORD) {
                return Optional.empty();
            }
            throw unexpected(e);
        }
    }

    @Override
    public List<LedgerEntry> listByProject(String projectId) throws LedgerUnavailableException {
        List<LedgerEntry> out = new ArrayList<>();
        try {
            for (JsonNode stored : CanonicalJson.tree(query("listByProject", projectId).getBytes(StandardCharsets.UTF_8))) {
                out.add(LedgerEntry.of(CanonicalJson.string(stored), null));
            }
        } catch (LedgerRejectedException e) {
            return List.of();
        }
        return out;
    }

    /** The receipt from its builder, with the inclusion proof of one batch item when {@code leafIndex} is given. */
    protected static Receipt build(ReceiptBuilder builder, String evidenceId, Integer leafIndex)
            throws LedgerRejectedException {
        if (leafIndex != null) {
            try {
                builder.withBatchItem(leafIndex);
            } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
                throw new LedgerRejectedException(ErrorCode.NOT_FOUND, evidenceId, LedgerPhase.EVALUATE, "NOT_FOUND: "
                        + evidenceId
                        + " has no batch item " + leafIndex);
            }
        }
        return builder.build();
    }

    @Override
    public Receipt receipt(String evidenceId) throws LedgerRejectedException, LedgerUnavailableException {
        return receiptOf(evidenceId, null);
    }

    @Override
    public Receipt receipt(String batchId, int leafIndex) throws LedgerRejectedException, LedgerUnavailableException {
        return receiptOf(batchId, leafIndex);
    }

    @Override
    public Anchoring anchorDocument(DocumentRecord record) throws LedgerRejectedException, LedgerUnavailableException {
        return submit("anchorDocument", record.evidenceId(), CanonicalJson.string(record));
    }

    @Override
    public Anchoring anchorDecision(DecisionRecord record) throws LedgerRejectedException, LedgerUnavailableException {
        return submit("anchorDecision", record.evidenceId(), CanonicalJson.string(record));
    }

    @Override
    public Anchoring anchorProject(ProjectRecord record) throws LedgerRejectedException, LedgerUnavailableException {
        return submit("anchorProject", record.evidenceId(), CanonicalJson.string(record));
    }

    @Override
    public BatchAnchoring anchorBatch(String projectId, String batchId, List<String> sha256HexDigests)
            throws LedgerRejectedException, LedgerUnavailableException {
        if (sha256HexDigests.isEmpty() || sha256HexDigests.size() > BatchRecord.MAX_LEAVES) {
            throw new LedgerRejectedException(ErrorCode.INVALID_RECORD, batchId, LedgerPhase.ENDORSE,
                    "INVALID_RECORD: a batch holds 1 to " + BatchRecord.MAX_LEAVES + " digests");
        }
        HexFormat hex = HexFormat.of();
        List<byte[]> leaves = new ArrayList<>(sha256HexDigests.size());
        for (String digest : sha256HexDigests) {
            if (digest == null || !Fields.HEX256.matcher(digest).matches()) {
                throw new LedgerRejectedException(ErrorCode.INVALID_RECORD, batchId, LedgerPhase.ENDORSE,
                        "INVALID_RECORD: every digest must be 64 lowercase hex characters");
            }
            leaves.add(hex.parseHex(digest));
        }
        MerkleTree tree = MerkleTree.of(leaves);
        String root = hex.formatHex(tree.root());
        BatchRecord record = new BatchRecord(batchId, projectId, root, (long) leaves.size(), BatchRecord.ALGORITHM,
                anchoredBy());
        Anchoring anchoring = submit("anchorBatch", batchId, CanonicalJson.string(record),
                CanonicalJson.string(sha256HexDigests));
        List<InclusionProof> proofs = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            proofs.add(tree.inclusionProof(i));
        }
        return new BatchAnchoring(anchoring, root, proofs);
    }

    /** The root covers the project's evidence as the ledger lists it; the contract checks that it is exactly that. */
    @Override
    public Anchoring seal(String projectId, String sealedAt) throws LedgerRejectedException, LedgerUnavailableException {
        String sealId = SealRecord.idFor(projectId);
        Optional<LedgerEntry> existing = findById(sealId);
        if (existing.isPresent() && existing.get().record() instanceof SealRecord seal
                && seal.projectId().equals(projectId) && seal.sealedAt().equals(sealedAt)) {
            return submit("seal", sealId, CanonicalJson.string(seal));
        }
        List<byte[]> records = new ArrayList<>();
        for (LedgerEntry entry : listByProject(projectId)) {
            records.add(entry.evidence().recordBytes());
        }
        SealRecord seal = new SealRecord(sealId, projectId, ProjectSeal.root(records), (long) records.size(), sealedAt);
        return submit("seal", sealId, CanonicalJson.string(seal));
    }
}
