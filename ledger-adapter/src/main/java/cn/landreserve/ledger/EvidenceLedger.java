package cn.landreserve.ledger;

import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.ledger.receipt.Receipt;
import java.util.List;
import java.util.Optional;

/**
 * The ledger as the service sees it. Business rejections ({@link LedgerRejectedException}, with
 * the contract's error code) are final; technical failures ({@link LedgerUnavailableException})
 * may be retried. Every write is idempotent: sending the same record again returns the original
 * anchoring with {@link Anchoring#alreadyAnchored()} set.
 */
public interface EvidenceLedger extends AutoCloseable {

    /** Anchors a document's evidence. */
    Anchoring anchorDocument(DocumentRecord record) throws LedgerRejectedException, LedgerUnavailableException;

    /** Anchors a decision's evidence. */
    Anchoring anchorDecision(DecisionRecord record) throws LedgerRejectedException, LedgerUnavailableException;

    /** Anchors a version of a project's facts; the contract checks it follows the current version. */
    Anchoring anchorProject(ProjectRecord record) throws LedgerRejectedException, LedgerUnavailableException;

    /**
     * Anchors several records in one ledger transaction (group commit): each is still its own record under its own
     * key, with its own indexes, found by id and digest like any other, and each gets its own receipt proving it
     * was written by that transaction. Records are anchored in list order and each may rely on the ones before it
     * (a decision on a document, a new version on the previous one). Documents, decisions and project facts, at most
     * {@link cn.landreserve.chaincode.EvidenceContract#MAX_GROUP}; if one record is refused, none is anchored and the
     * rejection names the group's first record.
     *
     * @return one anchoring per record, in list order ({@link Anchoring#alreadyAnchored()} for records an earlier
     *     transaction anchored)
     */
    List<Anchoring> anchorGroup(List<? extends EvidenceRecord> records)
            throws LedgerRejectedException, LedgerUnavailableException;

    /**
     * Anchors many SHA-256 digests under one Merkle root as evidence {@code batchId} of a project.
     *
     * @return the anchoring, the root, and one inclusion proof per digest in input order
     */
    BatchAnchoring anchorBatch(String projectId, String batchId, List<String> sha256HexDigests)
            throws LedgerRejectedException, LedgerUnavailableException;

    /**
     * Seals a project: the root over all of its evidence, computed here from
     * {@link #listByProject}; the contract checks it covers exactly what is anchored.
     *
     * @param sealedAt ISO-8601 UTC instant
     */
    Anchoring seal(String projectId, String sealedAt) throws LedgerRejectedException, LedgerUnavailableException;

    /** The evidence under an id, if anchored. */
    Optional<LedgerEntry> findById(String evidenceId) throws LedgerUnavailableException;

    /**
     * Evidence holding a SHA-256 or SM3 digest: documents, and items of batches anchored before batches kept their
     * leaves in pages. Items of a batch are found with {@link #findInBatch}.
     */
    List<LedgerEntry> findByDigest(String hexDigest) throws LedgerUnavailableException;

    /**
     * A digest as an item of a batch: the batch's entry with the digest's (first) leaf index, read from the ledger;
     * empty when there is no such batch or the digest is not one of its items. Which batch holds a digest is known to
     * whoever anchored it ({@link BatchAnchoring}): the ledger does not index batch items one by one.
     */
    Optional<LedgerEntry> findInBatch(String batchId, String hexDigest) throws LedgerUnavailableException;

    /** The latest anchored version of a project's facts, if any. */
    Optional<LedgerEntry> projectFacts(String projectId) throws LedgerUnavailableException;

    /** The number of the block holding the transaction that anchored this evidence. */
    long blockOf(LedgerEntry entry) throws LedgerUnavailableException;

    /** A project's evidence in ledger order. */
    List<LedgerEntry> listByProject(String projectId) throws LedgerUnavailableException;

    /** A self-contained receipt for anchored evidence; NOT_FOUND is a {@link LedgerRejectedException}. */
    Receipt receipt(String evidenceId) throws LedgerRejectedException, LedgerUnavailableException;

    /** A receipt for one item of a batch: the batch's receipt plus the item's inclusion proof. */
    Receipt receipt(String batchId, int leafIndex) throws LedgerRejectedException, LedgerUnavailableException;

    /**
     * The trust bundle: PEM of every CA certificate that the signers of this ledger's receipts chain to (creator,
     * endorsers, block signers), one after another — what auditors pin with the receipt verifier's {@code --ca}.
     */
    String trustBundlePem();

    /** Whether the ledger is up, and how far it has got. */
    LedgerHealth health();

    /** Stops accepting work, finishes what is queued, and releases files. */
    @Override
    void close();
}
