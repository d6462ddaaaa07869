package cn.landreserve.workflow.archive;

import cn.landreserve.workflow.engine.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN glue for Task_BuildArchivePackage (after the seal): builds and keeps the archive package. A failure (no
 * time-stamping authority answering, the object store away) retries, then becomes an operator incident; the seal
 * stands meanwhile.
 */
@Component("buildArchivePackageDelegate")
class BuildArchivePackageDelegate implements JavaDelegate {

    private final ArchivePackageBuilder builder;

    BuildArchivePackageDelegate(ArchivePackageBuilder builder) {
        this.builder = builder;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        builder.build(ProcessVariables.projectId(execution));
    }
}
