package cn.landreserve.workflow.security;

import java.util.List;

/** The signed-in user acting now: who, in which role, for which department. */
public record Actor(String username, String displayName, Role role, Department department) {

    /** The Camunda candidate groups this actor works for, e.g. {@code reviewer-finance}. */
    public List<String> taskGroups() {
        return switch (role) {
            case APPLICANT -> List.of("applicant");
            case APPROVER -> List.of("approver");
            case REVIEWER -> List.of("reviewer-" + department.slug());
            case AUDITOR, OPERATOR, SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN, INSPECTOR -> List.of();
        };
    }

    public boolean worksFor(String candidateGroup) {
        return taskGroups().contains(candidateGroup);
    }

    /** The role as recorded in decision evidence, e.g. {@code REVIEWER:finance}. */
    public String roleLabel() {
        return department == null ? role.name() : role.name() + ":" + department.slug();
    }
}
