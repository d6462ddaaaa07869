package cn.landreserve.workflow.parcel;

import java.time.Instant;

/** One import of the ecological protection red line, as anchored on the ledger. Its id is its evidence id. */
public record RedLineVersion(String id, int version, String previousId, String objectKey, String sha256, String sm3,
        long sizeBytes, int featureCount, String importedBy, Instant importedAt, String txId, long blockNumber,
        Instant anchoredAt) {

    /** The ledger "project" under which red-line versions are anchored (a chain of documents of one type). */
    public static final String LEDGER_PROJECT = "ecological-red-line";
    public static final String DOCUMENT_TYPE = "ECOLOGICAL_RED_LINE";
    public static final String STAGE = "RED_LINE";
}
