package cn.landreserve.ledger;

import cn.landreserve.chaincode.BatchRecord;
import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.chaincode.Fields;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.ProjectSeal;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.merkle.InclusionProof;
import cn.landreserve.ledger.merkle.MerkleTree;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The port expressed as the evidence contract's transactions and queries, once for every engine: an engine says only
 * how a transaction is submitted ({@link #submit}), how a query is evaluated ({@link #query}), how a receipt is
 * built from its blocks ({@link #receiptOf}) and who it anchors as.
 */
public abstract class ContractLedger implements EvidenceLedger {

    /** Submits one transaction of the evidence contract and waits until it is committed. */
    protected abstract Anchoring submit(String function, String evidenceId, String... args)
            throws LedgerRejectedException, LedgerUnavailableException;

    /** The name recorded as {@code anchoredBy} in batch records. */
    protected abstract String anchoredBy();

    /** Evaluates one read-only function of the evidence contract on one argument; its JSON answer. */
    protected abstract String query(String function, String argument)
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
            throw new LedgerUnavailableException("unexpected rejection of a read: " + e.getMessage(), e);
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
            throw new LedgerUnavailableException("unexpected rejection of a read: " + e.getMessage(), e);
        }
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
                throw new LedgerRejectedException(ErrorCode.NOT_FOUND, evidenceId, "NOT_FOUND: " + evidenceId
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
            throw new LedgerRejectedException(ErrorCode.INVALID_RECORD, batchId,
                    "INVALID_RECORD: a batch holds 1 to " + BatchRecord.MAX_LEAVES + " digests");
        }
        HexFormat hex = HexFormat.of();
        List<byte[]> leaves = new ArrayList<>(sha256HexDigests.size());
        for (String digest : sha256HexDigests) {
            if (digest == null || !Fields.HEX256.matcher(digest).matches()) {
                throw new LedgerRejectedException(ErrorCode.INVALID_RECORD, batchId,
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
