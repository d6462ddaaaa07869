package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.engine.ProcessVariables;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.project.ProjectStateException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** BPMN glue: the approver rejected the initiation, so the project ends as REJECTED. */
@Component("projectRejectedListener")
class ProjectRejectedListener implements ExecutionListener {

    private final ProjectService projects;

    ProjectRejectedListener(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public void notify(DelegateExecution execution) throws ProjectStateException {
        projects.reject(ProcessVariables.projectId(execution));
    }
}
