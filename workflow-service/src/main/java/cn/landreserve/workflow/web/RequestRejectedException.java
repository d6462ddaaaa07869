package cn.landreserve.workflow.web;

import java.util.Map;

/**
 * A request the service refuses, and changes nothing for: a stable code (e.g. {@code MISSING_DOCUMENTS}),
 * a message for people, and the ids that matter (task, project, document…).
 */
public class RequestRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Rejection rejection;
    private final String code;
    private final transient Map<String, Object> details;

    public RequestRejectedException(Rejection rejection, String code, String message, Map<String, Object> details) {
        super(message);
        this.rejection = rejection;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public RequestRejectedException(Rejection rejection, String code, String message) {
        this(rejection, code, message, Map.of());
    }

    public Rejection rejection() {
        return rejection;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
