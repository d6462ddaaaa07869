package cn.landreserve.ledger;

import cn.landreserve.chaincode.ErrorCode;

/** The ledger's rules refused the request; retrying the same request will not help. */
public final class LedgerRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final String evidenceId;

    /** A rejection with its code, the evidence id concerned, and the contract's message. */
    public LedgerRejectedException(ErrorCode code, String evidenceId, String message) {
        super(message);
        this.code = code;
        this.evidenceId = evidenceId;
    }

    /** The contract's stable error code. */
    public ErrorCode code() {
        return code;
    }

    /** The evidence the request was about. */
    public String evidenceId() {
        return evidenceId;
    }
}
