package cn.landreserve.workflow.security;

/**
 * What a user may do; one role per account. Reviewers also have a department. The three administrator roles
 * (三员分立) administer the service and do nothing else: the system administrator keeps accounts and departments, the
 * security administrator role assignments and the password, lockout and session policy, the audit administrator
 * reads the administrators' log and the access log. A new role is a constant here and a row of {@code app_role}.
 */
public enum Role {
    APPLICANT,
    REVIEWER,
    APPROVER,
    AUDITOR,
    OPERATOR,
    SYSTEM_ADMIN,
    SECURITY_ADMIN,
    AUDIT_ADMIN,
    /** 管护巡查员: inspects stored land and records findings and photos. */
    INSPECTOR;

    public String authority() {
        return "ROLE_" + name();
    }

    public boolean administrator() {
        return this == SYSTEM_ADMIN || this == SECURITY_ADMIN || this == AUDIT_ADMIN;
    }
}
