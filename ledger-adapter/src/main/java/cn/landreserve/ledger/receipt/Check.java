package cn.landreserve.ledger.receipt;

/** The checks a receipt goes through, in order; a failure names the first that failed. */
public enum Check {
    /** The receipt is well formed and complete. */
    FORMAT("format"),
    /** recordBytes is canonical JSON and equals the record shown. */
    RECORD("record"),
    /** The envelope is a transaction of this channel and chaincode with this id. */
    ENVELOPE("envelope"),
    /** The creator's signature over the envelope payload. */
    CREATOR_SIGNATURE("creator signature"),
    /** The record's exact bytes are written under the evidence key. */
    WRITE_SET("write set"),
    /** Every endorsement signature, and the receipt's copy of them. */
    ENDORSEMENT("endorsement"),
    /** The envelope is the block's transaction at the stated index. */
    TRANSACTION_IN_BLOCK("transaction in block"),
    /** The committing peer marked the transaction valid. */
    VALIDATION_CODE("validation code"),
    /** SHA-256 over the block's envelopes. */
    DATA_HASH("data hash"),
    /** SHA-256 of the DER header. */
    HEADER_HASH("header hash"),
    /** The orderer signatures over the header. */
    BLOCK_SIGNATURE("block signature"),
    /** Each signer's certificate chains to a trusted CA. */
    CERTIFICATE_CHAIN("certificate chain"),
    /** The batch item's inclusion proof reaches the anchored root. */
    INCLUSION_PROOF("inclusion proof"),
    /** The file's digests match the record. */
    FILE("file digest");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** The name used in verdicts. */
    public String label() {
        return label;
    }
}
