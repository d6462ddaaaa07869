package cn.landreserve.workflow.supervision;

import cn.landreserve.workflow.engine.WorkflowEngine;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** BPMN glue of the rectification process: variables to typed arguments, then the repository or the engine. */
@Configuration(proxyBeanMethods = false)
class RectificationDelegates {

    private static final Logger log = LoggerFactory.getLogger(RectificationDelegates.class);

    /** The deadline passed with the task open: marked overdue and offered to the approvers too. */
    @Bean
    JavaDelegate rectificationOverdueDelegate(InspectionRepository inspections, WorkflowEngine engine, Clock clock) {
        return (DelegateExecution execution) -> {
            String id = (String) execution.getVariable(WorkflowEngine.RECTIFICATION_ID);
            inspections.setRectificationStatus(id, "OVERDUE", clock.instant());
            engine.escalate(execution.getProcessInstanceId(), RectificationProcess.TASK, "approver");
            log.info("Rectification {} of project {} is overdue: escalated to the approvers", id,
                    execution.getVariable("projectId"));
        };
    }

    @Bean
    JavaDelegate rectificationDoneDelegate(InspectionRepository inspections, Clock clock) {
        return (DelegateExecution execution) -> inspections.setRectificationStatus(
                (String) execution.getVariable(WorkflowEngine.RECTIFICATION_ID), "DONE", clock.instant());
    }
}
