package cn.landreserve.ledger;

/**
 * Where a record was anchored.
 *
 * @param evidenceId the record's id
 * @param txId the transaction that anchored it (the original one when already anchored)
 * @param blockNumber the block holding that transaction
 * @param anchoredAt the transaction's timestamp, ISO-8601 UTC
 * @param alreadyAnchored true when this call found the same record already anchored
 */
public record Anchoring(String evidenceId, String txId, long blockNumber, String anchoredAt, boolean alreadyAnchored) {
}
