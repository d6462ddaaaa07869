package cn.landreserve.ledger;

import cn.landreserve.chaincode.ErrorCode;

/** The ledger's rules refused the request; retrying the same request will not help. */
public final class LedgerRejectedException extends LedgerException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final String evidenceId;

    /**
     * A rejection with its code, the evidence concerned, where and in which transaction it was refused, the remote
     * ledger's status ({@code null} when refused in-process), and the contract's message.
     */
    public LedgerRejectedException(ErrorCode code, String evidenceId, LedgerPhase phase, String transactionId,
            String status, String message) {
        this(code, evidenceId, phase, transactionId, status, message, null);
    }

    /** A rejection decided without a transaction (a read that found nothing, a request refused before sending). */
    public LedgerRejectedException(ErrorCode code, String evidenceId, LedgerPhase phase, String message) {
        this(code, evidenceId, phase, null, null, message, null);
    }

    private LedgerRejectedException(ErrorCode code, String evidenceId, LedgerPhase phase, String transactionId,
            String status, String message, Throwable cause) {
        super(phase, transactionId, status, message, cause);
        this.code = java.util.Objects.requireNonNull(code, "code");
        this.evidenceId = evidenceId;
    }

    /** The same rejection thrown again on the calling thread (the original, from another thread, as its cause). */
    public LedgerRejectedException rethrown() {
        return new LedgerRejectedException(code, evidenceId, phase(), transactionId(), status(), getMessage(), this);
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
