package cn.landreserve.workflow.archive;

/** No configured time-stamping authority answered with a valid token; the build is retried, then an incident. */
public class TrustedTimeUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustedTimeUnavailableException(String message) {
        super(message);
    }
}
