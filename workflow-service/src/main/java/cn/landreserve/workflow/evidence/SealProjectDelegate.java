package cn.landreserve.workflow.evidence;

import cn.landreserve.workflow.engine.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN glue for Task_SealProject: archive and seal. Failures retry, then become an incident. */
@Component("sealProjectDelegate")
class SealProjectDelegate implements JavaDelegate {

    private final ProjectSealing sealing;

    SealProjectDelegate(ProjectSealing sealing) {
        this.sealing = sealing;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        sealing.seal(ProcessVariables.projectId(execution));
    }
}
