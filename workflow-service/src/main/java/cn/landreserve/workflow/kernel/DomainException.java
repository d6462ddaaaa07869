package cn.landreserve.workflow.kernel;

import java.util.Map;

/**
 * A refusal by the domain, which changes nothing: its kind, a stable code clients decide on (e.g.
 * {@code MISSING_DOCUMENTS}), a message for people, and the ids that matter (task, project, document…).
 */
public class DomainException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;
    private final String code;
    private final transient Map<String, Object> details;

    public DomainException(Refusal refusal, String code, String message, Map<String, Object> details) {
        super(message);
        this.refusal = refusal;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public DomainException(Refusal refusal, String code, String message) {
        this(refusal, code, message, Map.of());
    }

    public Refusal refusal() {
        return refusal;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
