package cn.landreserve.workflow.kernel;

/**
 * What kind of refusal a {@link DomainException} is, in the domain's words. Which HTTP status each becomes is decided
 * in one place, the web layer's error mapping.
 */
public enum Refusal {
    /** The input breaks a rule (a missing field, a malformed value). */
    INVALID,
    /** The actor's role or department does not allow it. */
    FORBIDDEN,
    /** The thing named does not exist, or the actor may not know that it does. */
    NOT_FOUND,
    /** The current state does not allow it (a completed task, a frozen fact, a duplicate). */
    CONFLICT,
    /** The input is larger than the configured bound. */
    TOO_LARGE,
    /** The content is of a type the rule does not accept. */
    UNSUPPORTED_MEDIA_TYPE,
    /** Well-formed, but its content cannot be processed (a geometry that is not a polygon, a file that lies). */
    UNPROCESSABLE,
    /** A part the answer depends on (ledger, object store, time-stamping) cannot be reached now. */
    UNAVAILABLE
}
