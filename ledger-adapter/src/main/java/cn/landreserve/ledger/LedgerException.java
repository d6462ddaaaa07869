package cn.landreserve.ledger;

/**
 * A request the ledger did not carry out: {@link LedgerRejectedException} when its rules refused it,
 * {@link LedgerUnavailableException} when it could not be reached or failed. Callers decide on the fields; the
 * message is for people.
 */
public abstract class LedgerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final LedgerPhase phase;
    private final String transactionId;
    private final String status;

    /**
     * @param phase where it failed
     * @param transactionId the transaction concerned, or {@code null} when there was none yet
     * @param status what the remote ledger answered (a gRPC status code name; for {@link LedgerPhase#COMMIT} the
     *     transaction's validation code), or {@code null} when the failure was found locally
     */
    protected LedgerException(LedgerPhase phase, String transactionId, String status, String message,
            Throwable cause) {
        super(message, cause);
        this.phase = java.util.Objects.requireNonNull(phase, "phase");
        this.transactionId = transactionId;
        this.status = status;
    }

    /** Where in the request's life it failed. */
    public LedgerPhase phase() {
        return phase;
    }

    /** The transaction concerned (of the last execution, when it was executed several times), or {@code null}. */
    public String transactionId() {
        return transactionId;
    }

    /** The remote ledger's status (gRPC status code name or validation code), or {@code null} if found locally. */
    public String status() {
        return status;
    }
}
