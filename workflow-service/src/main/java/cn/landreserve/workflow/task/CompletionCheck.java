package cn.landreserve.workflow.task;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.lifecycle.Outcome;
import cn.landreserve.workflow.security.Actor;

/**
 * A rule another feature adds to the completion of a task. It runs inside the completion's transaction, with the
 * project locked, after the outcome and opinion were checked and before the decision is recorded (the stage's
 * required documents are one such rule, checked first): it may
 * refuse the completion, or record documents of the task that the decision then relies on (an overlap report).
 */
public interface CompletionCheck {

    /** What is being completed. */
    record Completion(String taskId, String elementId, String projectId, boolean formerIndustrial, String stage,
            Outcome outcome, String opinion, Actor actor) {}

    void beforeCompletion(Completion completion) throws DomainException;
}
