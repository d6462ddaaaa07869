package cn.landreserve.workflow.project;

/** A change the project's current state does not allow, e.g. work on an archived project. */
public class ProjectStateException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String projectId;

    public ProjectStateException(String projectId, String message) {
        super("project " + projectId + ": " + message);
        this.projectId = projectId;
    }

    public String projectId() {
        return projectId;
    }
}
