package cn.landreserve.ledger.receipt;

/**
 * The outcome of verifying a receipt: every check passed, or the first failed check and why; and what the
 * certificates were checked against.
 *
 * @param ok whether every check passed
 * @param failed the first failed check, or {@code null}
 * @param message the summary (all checks passed) or the reason (failure)
 * @param trust what the signers' certificates were checked against
 */
public record Verdict(boolean ok, Check failed, String message, Trust trust) {

    /** What the signers' certificates were checked against. */
    public enum Trust {
        /** CA certificates the auditor obtained out of band (a trust bundle). */
        PINNED,
        /** The receipt's own CA certificates, because the auditor explicitly accepted them. */
        RECEIPT_CA,
        /**
         * Only the receipt's own CA certificates, and nobody asked for that: anyone can make a consistent receipt
         * under a CA of their own, so this is no answer.
         */
        UNPINNED
    }

    /** Exit code of a verdict whose checks passed but whose certificates are pinned to nothing. */
    public static final int EXIT_UNPINNED = 3;

    static Verdict pass(String message, Trust trust) {
        return new Verdict(true, null, message, trust);
    }

    static Verdict fail(Check check, String reason, Trust trust) {
        return new Verdict(false, check, check.label() + ": " + reason, trust);
    }

    /** Whether the receipt verified against a trust root: every check passed and the certificates were not unpinned. */
    public boolean trusted() {
        return ok && trust != Trust.UNPINNED;
    }

    /** One line for people: {@code OK: ...}, {@code UNPINNED: ...} or {@code FAILED: <check>: <reason>}. */
    public String line() {
        return (!ok ? "FAILED: " : trust == Trust.UNPINNED ? "UNPINNED: " : "OK: ") + message;
    }

    /** The verifier's exit code: 0 trusted, 1 failed, {@value #EXIT_UNPINNED} unpinned. */
    public int exitCode() {
        return !ok ? 1 : trust == Trust.UNPINNED ? EXIT_UNPINNED : 0;
    }
}
