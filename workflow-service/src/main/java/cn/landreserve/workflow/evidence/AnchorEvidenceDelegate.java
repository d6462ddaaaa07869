package cn.landreserve.workflow.evidence;

import cn.landreserve.workflow.engine.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN glue for every Task_Anchor…: anchors the project's pending evidence. A failure (ledger unreachable, record
 * refused) fails the job: Camunda retries it on the model's retry cycle, then raises an incident for operators.
 */
@Component("anchorEvidenceDelegate")
class AnchorEvidenceDelegate implements JavaDelegate {

    private final EvidenceAnchoring anchoring;

    AnchorEvidenceDelegate(EvidenceAnchoring anchoring) {
        this.anchoring = anchoring;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        anchoring.anchorPending(ProcessVariables.projectId(execution));
    }
}
