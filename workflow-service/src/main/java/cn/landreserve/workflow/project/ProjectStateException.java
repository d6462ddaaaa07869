package cn.landreserve.workflow.project;

/** A change the project's current state does not allow, e.g. work on an archived project. */
public class ProjectStateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String projectId;
    private final String code;

    public ProjectStateException(String projectId, String message) {
        this(projectId, "PROJECT_NOT_ACTIVE", message);
    }

    /** A refusal with its own stable code, e.g. {@code FACTS_FROZEN}. */
    public ProjectStateException(String projectId, String code, String message) {
        super("project " + projectId + ": " + message);
        this.projectId = projectId;
        this.code = code;
    }

    /** The stable code clients decide on. */
    public String code() {
        return code;
    }

    public String projectId() {
        return projectId;
    }
}
