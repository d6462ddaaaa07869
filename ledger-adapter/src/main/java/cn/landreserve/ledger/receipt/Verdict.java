package cn.landreserve.ledger.receipt;

/**
 * The outcome of verifying a receipt: OK with a summary, or the first failed check and why.
 *
 * @param ok whether every check passed
 * @param failed the first failed check, or {@code null}
 * @param message the summary (OK) or the reason (failure)
 */
public record Verdict(boolean ok, Check failed, String message) {

    static Verdict pass(String message) {
        return new Verdict(true, null, message);
    }

    static Verdict fail(Check check, String reason) {
        return new Verdict(false, check, check.label() + ": " + reason);
    }

    /** One line for people: {@code OK: ...} or {@code FAILED: <check>: <reason>}. */
    public String line() {
        return (ok ? "OK: " : "FAILED: ") + message;
    }
}
