package cn.landreserve.workflow.security;

import cn.landreserve.workflow.kernel.TextRules;

/**
 * Something the administrators' log must record: a sign-in that failed or was refused, an account locked, a password
 * changed, an administrative action. {@code actor} is who did it (for a failed sign-in: the name that was tried),
 * {@code role} their role or {@code -}, {@code target} what it was done to, {@code detail} a short description without
 * secrets, {@code outcome} e.g. {@code OK}, {@code REFUSED}, {@code ALERT}.
 */
public record SecurityEvent(String actor, String role, String client, String action, String target, String detail,
        String outcome) {

    /** A user name as typed by someone signing in: kept only when it could be one. */
    public static String typedName(String name) {
        if (name == null || name.isEmpty()) {
            return "(empty)";
        }
        if (name.length() > UserRepository.MAX_USERNAME || !TextRules.clean(name)) {
            return "(invalid name)";
        }
        return name;
    }
}
