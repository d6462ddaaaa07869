package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.engine.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.stereotype.Component;

/**
 * BPMN glue for the escalation step of a review: the review's deadline timer fired. Which review is read from the
 * model (the timer is attached to it), never from the step's id.
 */
@Component("escalateReviewDelegate")
class EscalateReviewDelegate implements JavaDelegate {

    private final ReviewEscalation escalation;

    EscalateReviewDelegate(ReviewEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        escalation.escalate((String) execution.getVariable(ProcessVariables.PROJECT_ID),
                execution.getProcessInstanceId(), reviewOf((FlowNode) execution.getBpmnModelElementInstance()));
    }

    /** The review task whose deadline timer leads to this escalation step. */
    static String reviewOf(FlowNode escalationStep) {
        for (SequenceFlow incoming : escalationStep.getIncoming()) {
            if (incoming.getSource() instanceof BoundaryEvent timer) {
                return timer.getAttachedTo().getId();
            }
        }
        throw new IllegalStateException("escalation step " + escalationStep.getId() + " follows no deadline timer");
    }
}
