package cn.landreserve.workflow.engine;

import cn.landreserve.workflow.kernel.ProjectId;
import org.camunda.bpm.engine.delegate.VariableScope;

/** The process variables of the lifecycle process, named in one place. */
public final class ProcessVariables {

    /** The project's id (String); also the process instance's business key. */
    public static final String PROJECT_ID = "projectId";
    /** Whether the land was industrial (Boolean): a soil pollution survey is then required at entry. */
    public static final String FORMER_INDUSTRIAL = "formerIndustrial";
    /** ISO-8601 duration after which an open department review escalates. */
    public static final String REVIEW_DEADLINE = "reviewDeadline";
    /** Set true when any department returns the file; reset when the applicant resubmits. */
    public static final String REVIEW_RETURNED = "reviewReturned";

    private ProcessVariables() {}

    /** The project a process instance (or one of its executions) belongs to. */
    public static ProjectId projectId(VariableScope execution) {
        return new ProjectId((String) execution.getVariable(PROJECT_ID));
    }

    /** The variable holding the latest outcome of one user task, e.g. {@code Task_ApproveInitiation_outcome}. */
    public static String outcomeOf(String taskElement) {
        return taskElement + "_outcome";
    }
}
