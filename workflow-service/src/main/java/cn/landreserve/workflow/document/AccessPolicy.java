package cn.landreserve.workflow.document;

import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Role;

/**
 * Who may read a document's file and metadata, by classification. Operators run the service but read no files
 * (least privilege); the public reads PUBLIC items of published projects only (checked by the public API).
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    public static boolean mayRead(Actor actor, Classification classification, String uploadedBy) {
        if (actor == null) {
            return classification == Classification.PUBLIC;
        }
        return switch (classification) {
            case PUBLIC -> true;
            case INTERNAL -> actor.role() != Role.OPERATOR;
            case SENSITIVE -> actor.role() == Role.APPLICANT || actor.role() == Role.APPROVER
                    || actor.role() == Role.AUDITOR || actor.username().equals(uploadedBy);
        };
    }
}
