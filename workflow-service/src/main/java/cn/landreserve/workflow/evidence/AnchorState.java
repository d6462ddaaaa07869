package cn.landreserve.workflow.evidence;

/** Where a piece of evidence stands: recorded in the database only, or anchored on the ledger too. */
public enum AnchorState {
    PENDING,
    ANCHORED
}
