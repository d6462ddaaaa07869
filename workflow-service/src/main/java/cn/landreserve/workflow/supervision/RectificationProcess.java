package cn.landreserve.workflow.supervision;

import static cn.landreserve.workflow.engine.WorkflowEngine.RECTIFICATION_DEADLINE;
import static cn.landreserve.workflow.engine.WorkflowEngine.RECTIFICATION_PROCESS;

import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.LifecycleProcess;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rectification of an inspection finding as a small BPMN process of its own: the agency's task
 * {@code Task_Rectify} (from the catalogue, due at the deadline) with a non-interrupting timer at the deadline that
 * escalates it to the approvers, then the same asynchronous anchoring as every lifecycle task, then closing.
 */
@Configuration(proxyBeanMethods = false)
class RectificationProcess {

    static final String RESOURCE_NAME = "rectification.bpmn";
    static final String TASK = "Task_Rectify";

    static BpmnModelInstance build(LifecycleCatalogue catalogue, String retryCycle) {
        TaskDefinition task = catalogue.requireTask(TASK);
        String deadline = "${" + RECTIFICATION_DEADLINE + "}";
        BpmnModelInstance model = Bpmn.createExecutableProcess(RECTIFICATION_PROCESS)
                .name("管护问题整改 Rectification of an inspection finding")
                .camundaHistoryTimeToLive(3650)
                .startEvent("Start_Rectification")
                .userTask(TASK).name(task.zh()).camundaCandidateGroups(task.group()).camundaDueDate(deadline)
                .boundaryEvent("Timer_RectificationDeadline").cancelActivity(false).timerWithDate(deadline)
                    .serviceTask("Task_EscalateRectification").name("整改逾期上报")
                    .camundaDelegateExpression("${rectificationOverdueDelegate}")
                    .endEvent("End_RectificationEscalated")
                .moveToActivity(TASK)
                .serviceTask("Task_AnchorRectify").name("证据上链")
                    .camundaAsyncBefore().camundaFailedJobRetryTimeCycle(retryCycle)
                    .camundaDelegateExpression(LifecycleProcess.ANCHOR_DELEGATE)
                .serviceTask("Task_CloseRectification").name("整改完成")
                    .camundaDelegateExpression("${rectificationDoneDelegate}")
                .endEvent("End_Rectified")
                .done();
        Bpmn.validateModel(model);
        return model;
    }

    @Bean
    Object rectificationProcessDeployment(LifecycleCatalogue catalogue, WorkflowEngine engine,
            ReserveProperties settings) {
        BpmnModelInstance model = build(catalogue, settings.workflow().anchorRetryCycle());
        engine.deploy(RESOURCE_NAME, model);
        return model;
    }
}
