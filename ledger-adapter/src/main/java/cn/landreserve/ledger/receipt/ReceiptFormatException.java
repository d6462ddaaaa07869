package cn.landreserve.ledger.receipt;

/** Text that is not a well-formed receipt. */
public final class ReceiptFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A parse failure. */
    public ReceiptFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
