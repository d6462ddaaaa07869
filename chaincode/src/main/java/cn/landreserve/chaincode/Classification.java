package cn.landreserve.chaincode;

/** Who may see a document's content. The ledger only ever holds digests and metadata. */
public enum Classification {
    PUBLIC,
    INTERNAL,
    SENSITIVE
}
