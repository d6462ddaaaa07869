package cn.landreserve.workflow.project;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import java.util.Map;

/** A change the project's current state does not allow, e.g. work on an archived project. */
public class ProjectStateException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final String projectId;

    public ProjectStateException(String projectId, String message) {
        this(projectId, "PROJECT_NOT_ACTIVE", message);
    }

    /** A refusal with its own stable code, e.g. {@code FACTS_FROZEN}. */
    public ProjectStateException(String projectId, String code, String message) {
        super(Refusal.CONFLICT, code, "project " + projectId + ": " + message, Map.of("projectId", projectId));
        this.projectId = projectId;
    }

    public String projectId() {
        return projectId;
    }
}
