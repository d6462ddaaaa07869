package cn.landreserve.ledger.receipt;

/** One receipt check failed: which, and why. Each check class throws it for its own {@link Check}. */
final class CheckFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Check check;

    CheckFailure(Check check, String reason) {
        super(reason, null, false, false);
        this.check = check;
    }

    /** The check that failed. */
    Check check() {
        return check;
    }

    /** Fails {@code check} for {@code reason} unless {@code condition} holds. */
    static void require(Check check, boolean condition, String reason) throws CheckFailure {
        if (!condition) {
            throw new CheckFailure(check, reason);
        }
    }
}
