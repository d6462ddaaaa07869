package cn.landreserve.workflow.infra;

/**
 * A setting that stops the service from starting. Reported by {@link InvalidSettingFailureAnalyzer}
 * as one line naming the setting and its environment variable, without a stack trace.
 */
public class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String problem;

    public InvalidSettingException(String property, String problem) {
        this(property, problem, null);
    }

    public InvalidSettingException(String property, String problem, Throwable cause) {
        super(property + " (" + environmentVariable(property) + "): " + problem, cause);
        this.property = property;
        this.problem = problem;
    }

    public String property() {
        return property;
    }

    public String problem() {
        return problem;
    }

    /** The environment variable Spring's relaxed binding reads for a property, e.g. reserve.db.url → RESERVE_DB_URL. */
    public static String environmentVariable(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }
}
