package cn.landreserve.workflow.kernel;

/**
 * Where a piece of evidence stands: recorded in the database only, anchored on the ledger too, or refused by the
 * ledger for good (its project was sealed first): an operator's incident, shown in /api/ops/status.
 */
public enum AnchorState {
    PENDING,
    ANCHORED,
    REFUSED
}
