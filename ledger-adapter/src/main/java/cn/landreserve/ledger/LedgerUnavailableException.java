package cn.landreserve.ledger;

/** A technical failure (storage, network, ledger down); the request may be retried. */
public class LedgerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without a cause. */
    public LedgerUnavailableException(String message) {
        super(message);
    }
}
