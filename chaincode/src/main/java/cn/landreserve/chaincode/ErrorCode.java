package cn.landreserve.chaincode;

/**
 * Stable error codes of the evidence contract. Every rejection is a {@link ContractRejection} carrying its code as a
 * field; on the wire its message starts with {@code CODE: } and its payload is the code's name.
 */
public enum ErrorCode {
    /** A different record already exists under the same evidence id. */
    RECORD_CONFLICT,
    /** A field is missing, malformed, or out of range. */
    INVALID_RECORD,
    /** A new version names a previous version that does not exist for this project and type. */
    UNKNOWN_PREVIOUS_VERSION,
    /** Version numbering is wrong, or the previous version was already superseded. */
    VERSION_MISMATCH,
    /** The project is sealed; nothing more may be anchored to it. */
    PROJECT_SEALED,
    /** A seal does not cover exactly the project's anchored evidence. */
    SEAL_MISMATCH,
    /** No evidence under that id. */
    NOT_FOUND,
    /** The caller is not the writer organisation's identity. */
    ACCESS_DENIED;

    /** The exception to throw: message {@code CODE: detail}, payload the code's name (see {@link ContractRejection}). */
    public ContractRejection exception(String detail) {
        return new ContractRejection(this, detail);
    }
}
