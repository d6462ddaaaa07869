package cn.landreserve.ledger;

/** A technical failure (storage, network, ledger down); the request may be retried. */
public class LedgerUnavailableException extends LedgerException {
    private static final long serialVersionUID = 1L;

    /** A failure with every field; {@code transactionId}, {@code status} and {@code cause} may be {@code null}. */
    public LedgerUnavailableException(LedgerPhase phase, String transactionId, String status, String message,
            Throwable cause) {
        super(phase, transactionId, status, message, cause);
    }

    /** A failure found locally, before or without a transaction. */
    public LedgerUnavailableException(LedgerPhase phase, String message, Throwable cause) {
        this(phase, null, null, message, cause);
    }

    /** A failure found locally, without a cause. */
    public LedgerUnavailableException(LedgerPhase phase, String message) {
        this(phase, null, null, message, null);
    }
}
