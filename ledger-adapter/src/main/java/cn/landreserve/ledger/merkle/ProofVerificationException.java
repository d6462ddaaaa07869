package cn.landreserve.ledger.merkle;

/** An inclusion proof does not hold; the message says what differs. */
public final class ProofVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failed proof, described. */
    public ProofVerificationException(String message) {
        super(message);
    }
}
