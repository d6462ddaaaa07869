package cn.landreserve.chaincode;

/** The four kinds of evidence the ledger holds. */
public enum EvidenceKind {
    DOCUMENT,
    DECISION,
    BATCH,
    SEAL
}
