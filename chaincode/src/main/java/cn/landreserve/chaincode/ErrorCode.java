package cn.landreserve.chaincode;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Stable error codes of the evidence contract. Every rejection is a {@link ChaincodeException}
 * whose message starts with {@code CODE: } and whose payload is the code's name, so clients
 * classify failures without reading prose.
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

    /** The exception to throw: message {@code CODE: detail}, payload the code's name. */
    public ChaincodeException exception(String detail) {
        return new ChaincodeException(name() + ": " + detail, name());
    }

    /**
     * Reads the code back from an exception message or payload; empty if it carries none.
     *
     * @param messageOrPayload the text that started with a code
     * @return the code, or {@code null} when the text starts with none
     */
    public static ErrorCode fromMessage(String messageOrPayload) {
        if (messageOrPayload == null) {
            return null;
        }
        for (ErrorCode code : values()) {
            String name = code.name();
            if (messageOrPayload.equals(name) || messageOrPayload.startsWith(name + ":")) {
                return code;
            }
        }
        return null;
    }
}
