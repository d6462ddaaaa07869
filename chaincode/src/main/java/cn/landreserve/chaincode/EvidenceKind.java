package cn.landreserve.chaincode;

/** The kinds of evidence the ledger holds. */
public enum EvidenceKind {
    DOCUMENT,
    DECISION,
    BATCH,
    SEAL,
    PROJECT
}
