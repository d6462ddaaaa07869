package cn.landreserve.chaincode;

/**
 * The contract's world-state keys, all Fabric composite keys ({@code \u0000type\u0000attr\u0000...}).
 * Written out here (rather than through the shim) so an offline verifier can compute them.
 */
public final class StateKeys {
    /** Evidence by id: the stored evidence JSON. */
    public static final String EVIDENCE = "evidence";
    /** Project state: count of evidence and whether sealed. */
    public static final String PROJECT = "project";
    /**
     * Project evidence in ledger order ({@link StoredEvidence#LEDGER_ORDER}): (projectId, transaction time in epoch
     * nanoseconds zero-padded to 19 digits, transaction id, position in the transaction zero-padded to 6 digits)
     * to evidence id. Ledgers written before
     * this layout hold (projectId, zero-padded sequence from 1); those keys sort before every key of this layout.
     */
    public static final String PROJECT_ITEM = "projectItem";
    /**
     * Digest index: (hex digest, evidence id) to {evidenceId, leafIndex}: each document's SHA-256 and SM3 (leafIndex
     * null). Items of batches anchored before {@link #BATCH_LEAVES} are here too (leafIndex set).
     */
    public static final String DIGEST = "digest";
    /**
     * A batch's digests in leaf order: (batch evidence id, page number zero-padded to 6 digits) to a JSON array of
     * up to {@link BatchRecord#LEAVES_PER_PAGE} hex digests; page {@code p} holds leaves from
     * {@code p * LEAVES_PER_PAGE}.
     */
    public static final String BATCH_LEAVES = "batchLeaves";
    /** Version chain: previous evidence id to the id of the version that replaced it. */
    public static final String SUCCESSOR = "successor";

    /** A project's facts: project id to the evidence id of its latest {@link ProjectRecord}. */
    public static final String PROJECT_FACTS = "projectFacts";

    private static final char SEP = '\u0000';

    private StateKeys() {
    }

    /** A composite key exactly as the shim's {@code createCompositeKey} builds it. */
    public static String composite(String type, String... attributes) {
        StringBuilder key = new StringBuilder(64).append(SEP).append(type).append(SEP);
        for (String attribute : attributes) {
            key.append(attribute).append(SEP);
        }
        return key.toString();
    }

    /** The key holding an evidence record. */
    public static String evidence(String evidenceId) {
        return composite(EVIDENCE, evidenceId);
    }

    static String project(String projectId) {
        return composite(PROJECT, projectId);
    }

    static String projectItem(String projectId, java.time.Instant txTime, String txId, int position) {
        return composite(PROJECT_ITEM, projectId, String.format("%019d", epochNanos(txTime)), txId,
                String.format("%06d", position));
    }

    static long epochNanos(java.time.Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
    }

    static String projectFacts(String projectId) {
        return composite(PROJECT_FACTS, projectId);
    }

    static String digest(String hex, String evidenceId) {
        return composite(DIGEST, hex, evidenceId);
    }

    static String batchLeaves(String batchId, int page) {
        return composite(BATCH_LEAVES, batchId, String.format("%06d", page));
    }

    static String successor(String previousEvidenceId) {
        return composite(SUCCESSOR, previousEvidenceId);
    }
}
