package cn.landreserve.workflow.lifecycle;

import static cn.landreserve.workflow.engine.ProcessVariables.REVIEW_DEADLINE;
import static cn.landreserve.workflow.engine.ProcessVariables.REVIEW_RETURNED;
import static cn.landreserve.workflow.engine.ProcessVariables.outcomeOf;

import cn.landreserve.workflow.engine.WorkflowEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * The BPMN model of a land reserve project, built from the {@link LifecycleCatalogue}: each user task takes its
 * name, stage and candidate group from the catalogue. After every user task an asynchronous service task anchors
 * the evidence (documents and the decision) with retries; only then does the flow go on — evidence before effect.
 */
public final class LifecycleProcess {

    public static final String PROCESS_KEY = WorkflowEngine.LIFECYCLE_PROCESS;
    public static final String RESOURCE_NAME = "land-reserve-lifecycle.bpmn";

    /** Delegate bean names: one per kind of service task. */
    public static final String ANCHOR_DELEGATE = "${anchorEvidenceDelegate}";
    public static final String ESCALATE_DELEGATE = "${escalateReviewDelegate}";
    public static final String SEAL_DELEGATE = "${sealProjectDelegate}";
    public static final String ARCHIVE_PACKAGE_DELEGATE = "${buildArchivePackageDelegate}";
    public static final String STAGE_LISTENER = "${stageEnteredListener}";
    public static final String REJECTED_LISTENER = "${projectRejectedListener}";

    private final LifecycleCatalogue catalogue;
    private final String retryCycle;

    public LifecycleProcess(LifecycleCatalogue catalogue, String retryCycle) {
        this.catalogue = catalogue;
        this.retryCycle = retryCycle;
    }

    public BpmnModelInstance build() {
        var process = Bpmn.createExecutableProcess(PROCESS_KEY)
                .name("土地储备项目全生命周期 Land reserve project lifecycle")
                .camundaHistoryTimeToLive(3650)
                .startEvent("StartEvent_ProjectCreated").name("项目创建");

        var afterInitiation = anchorAfter(user(process, "Task_PrepareInitiation"), "Task_PrepareInitiation");
        afterInitiation.parallelGateway("Gateway_ReviewFork").name("并联审查");

        // Three departments review in parallel; each may return the file. A late review escalates.
        String[] reviews = {"Task_ReviewNaturalResources", "Task_ReviewEcology", "Task_ReviewFinance"};
        for (String review : reviews) {
            var branch = user(process.moveToNode("Gateway_ReviewFork"), review);
            var anchored = anchorAfter(branch, review);
            if (review.equals(reviews[0])) {
                anchored.parallelGateway("Gateway_ReviewJoin").name("审查汇总");
            } else {
                anchored.connectTo("Gateway_ReviewJoin");
            }
            String suffix = review.substring("Task_Review".length());
            process.moveToActivity(review)
                    .boundaryEvent("Timer_" + suffix + "Overdue").name("审查超期").cancelActivity(false)
                    .timerWithDuration("${" + REVIEW_DEADLINE + "}")
                    .serviceTask("Task_Escalate" + suffix).name("超期督办")
                    .camundaDelegateExpression(ESCALATE_DELEGATE)
                    .endEvent("EndEvent_" + suffix + "Escalated").name("已督办");
        }

        var reviewPassed = process.moveToNode("Gateway_ReviewJoin")
                .exclusiveGateway("Gateway_ReviewResult").name("是否退回")
                .sequenceFlowId("Flow_ReviewReturned").condition("退回修改", "${" + REVIEW_RETURNED + "}")
                .connectTo("Task_PrepareInitiation")
                .moveToNode("Gateway_ReviewResult")
                .sequenceFlowId("Flow_ReviewPassed").condition("审查通过", "${!" + REVIEW_RETURNED + "}");
        var approval = anchorAfter(user(reviewPassed, "Task_ApproveInitiation"),
                "Task_ApproveInitiation");
        var approved = approval.exclusiveGateway("Gateway_ApprovalDecision").name("审批结论")
                .sequenceFlowId("Flow_Rejected").condition("不予立项", outcome("Task_ApproveInitiation", "REJECT"))
                .endEvent("EndEvent_Rejected").name("不予立项")
                .camundaExecutionListenerDelegateExpression("end", REJECTED_LISTENER)
                .moveToNode("Gateway_ApprovalDecision")
                .sequenceFlowId("Flow_ApprovalReturned").condition("退回修改", outcome("Task_ApproveInitiation", "RETURN"))
                .connectTo("Task_PrepareInitiation")
                .moveToNode("Gateway_ApprovalDecision")
                .sequenceFlowId("Flow_Approved").condition("批准立项", outcome("Task_ApproveInitiation", "APPROVE"));

        var acquisition = anchorAfter(user(approved, "Task_RecordAcquisition"),
                "Task_RecordAcquisition");
        var payment = anchorAfter(user(acquisition, "Task_ConfirmPayment"), "Task_ConfirmPayment");
        var paid = payment.exclusiveGateway("Gateway_PaymentConfirmed").name("支付是否确认")
                .sequenceFlowId("Flow_PaymentReturned").condition("退回补正", outcome("Task_ConfirmPayment", "RETURN"))
                .connectTo("Task_RecordAcquisition")
                .moveToNode("Gateway_PaymentConfirmed")
                .sequenceFlowId("Flow_PaymentConfirmed").condition("确认已支付", outcome("Task_ConfirmPayment", "CONFIRM"));

        var entry = anchorAfter(user(paid, "Task_ConfirmReserveEntry"),
                "Task_ConfirmReserveEntry");
        var entered = entry.exclusiveGateway("Gateway_ReserveEntry").name("是否入库")
                .sequenceFlowId("Flow_EntryReturned").condition("退回补正", outcome("Task_ConfirmReserveEntry", "RETURN"))
                .connectTo("Task_RecordAcquisition")
                .moveToNode("Gateway_ReserveEntry")
                .sequenceFlowId("Flow_EntryConfirmed").condition("确认入库", outcome("Task_ConfirmReserveEntry", "CONFIRM"));

        var site = anchorAfter(user(entered, "Task_PrepareSite"), "Task_PrepareSite");
        var acceptance = anchorAfter(user(site, "Task_AcceptCompletion"), "Task_AcceptCompletion");
        acceptance.exclusiveGateway("Gateway_Acceptance").name("验收结论")
                .sequenceFlowId("Flow_Rectify").condition("限期整改", outcome("Task_AcceptCompletion", "RECTIFY"))
                .connectTo("Task_PrepareSite")
                .moveToNode("Gateway_Acceptance")
                .sequenceFlowId("Flow_Accepted").condition("验收通过", outcome("Task_AcceptCompletion", "ACCEPT"))
                .serviceTask("Task_SealProject").name("归档封存").camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle(retryCycle)
                .camundaDelegateExpression(SEAL_DELEGATE)
                .serviceTask("Task_BuildArchivePackage").name("归档包与四性检测").camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle(retryCycle)
                .camundaDelegateExpression(ARCHIVE_PACKAGE_DELEGATE)
                .endEvent("EndEvent_Archived").name("已归档");

        BpmnModelInstance model = process.done();
        nameUnnamedFlows(model);
        return model;
    }

    /** Flows the builder created without an id get a stable one from their ends, e.g. Flow_Task_A_Task_B. */
    private static void nameUnnamedFlows(BpmnModelInstance model) {
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (flow.getId().startsWith("sequenceFlow_")) {
                flow.setId("Flow_" + flow.getSource().getId() + "_" + flow.getTarget().getId());
            }
        }
    }

    private UserTaskBuilder user(AbstractFlowNodeBuilder<?, ?> from, String element) {
        TaskDefinition task = catalogue.requireTask(element);
        UserTaskBuilder builder = from.userTask(element)
                .name(task.zh())
                .camundaCandidateGroups(task.group())
                .camundaTaskListenerDelegateExpression("create", STAGE_LISTENER);
        // A review's deadline is its due date too (the same duration as its escalation timer), so task lists show it.
        return task.reviewDeadline() ? builder.camundaDueDate("${" + REVIEW_DEADLINE + "}") : builder;
    }

    /** The anchoring service task that follows each user task: asynchronous, retried, then an incident. */
    private AbstractFlowNodeBuilder<?, ?> anchorAfter(AbstractFlowNodeBuilder<?, ?> task, String element) {
        return task.serviceTask("Task_Anchor" + element.substring("Task_".length()))
                .name("证据上链")
                .camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle(retryCycle)
                .camundaDelegateExpression(ANCHOR_DELEGATE);
    }

    private static String outcome(String element, String code) {
        return "${" + outcomeOf(element) + " == '" + code + "'}";
    }
}
