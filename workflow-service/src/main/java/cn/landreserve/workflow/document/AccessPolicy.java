package cn.landreserve.workflow.document;

import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Role;

/**
 * Who may read a document's file and metadata, by classification. Operators run the service and administrators
 * administer it, but neither reads files (least privilege); the public reads PUBLIC items of published projects only (checked by the public API).
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /**
     * As {@link #mayRead(Actor, Classification, String)}, and a reviewer also reads a document of a type that one of
     * their tasks relies on (the lifecycle catalogue's {@code reads}): access follows who must act on it.
     */
    public static boolean mayRead(Actor actor, Classification classification, String uploadedBy, String documentType,
            LifecycleCatalogue catalogue) {
        if (mayRead(actor, classification, uploadedBy)) {
            return true;
        }
        return actor != null && actor.role() == Role.REVIEWER
                && actor.taskGroups().stream().anyMatch(group -> catalogue.reliesOn(group, documentType));
    }

    public static boolean mayRead(Actor actor, Classification classification, String uploadedBy) {
        if (actor == null) {
            return classification == Classification.PUBLIC;
        }
        return switch (classification) {
            case PUBLIC -> true;
            case INTERNAL -> actor.role() != Role.OPERATOR && !actor.role().administrator();
            case SENSITIVE -> actor.role() == Role.APPLICANT || actor.role() == Role.APPROVER
                    || actor.role() == Role.AUDITOR || actor.username().equals(uploadedBy);
        };
    }
}
