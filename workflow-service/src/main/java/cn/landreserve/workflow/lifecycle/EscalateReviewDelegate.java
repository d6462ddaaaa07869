package cn.landreserve.workflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN glue for Task_Escalate…: the review deadline passed. */
@Component("escalateReviewDelegate")
class EscalateReviewDelegate implements JavaDelegate {

    private final ReviewEscalation escalation;

    EscalateReviewDelegate(ReviewEscalation escalation) {
        this.escalation = escalation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // The timer is attached to the review task: Timer_FinanceOverdue → Task_ReviewFinance.
        String timer = execution.getCurrentActivityId().replace("Task_Escalate", "");
        escalation.escalate((String) execution.getVariable(ProcessVariables.PROJECT_ID),
                execution.getProcessInstanceId(), "Task_Review" + timer);
    }
}
