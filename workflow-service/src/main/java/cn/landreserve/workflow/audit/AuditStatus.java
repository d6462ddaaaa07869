package cn.landreserve.workflow.audit;

/** The verdict on one piece of evidence. */
public enum AuditStatus {
    /** Object, database record and ledger agree. */
    OK,
    /** The stored file's bytes no longer have the anchored digests. */
    OBJECT_CHANGED,
    /** The database record differs from the record anchored on the ledger (or exists on one side only). */
    RECORD_CHANGED,
    /** The stored file is gone. */
    MISSING,
    /** Not (yet) on the ledger, and the database does not claim it is. */
    NOT_ANCHORED,
    /** The database's copy of the anchoring (transaction) disagrees with the ledger. */
    LEDGER_MISMATCH
}
