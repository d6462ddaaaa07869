package cn.landreserve.workflow.security;

/** What a user may do. Reviewers also have a department. */
public enum Role {
    APPLICANT,
    REVIEWER,
    APPROVER,
    AUDITOR,
    OPERATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
