package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.engine.ProcessVariables;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.project.ProjectStateException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** BPMN glue: a user task was created, so its project is now in that task's stage. */
@Component("stageEnteredListener")
class StageEnteredListener implements TaskListener {

    private final LifecycleCatalogue catalogue;
    private final ProjectService projects;

    StageEnteredListener(LifecycleCatalogue catalogue, ProjectService projects) {
        this.catalogue = catalogue;
        this.projects = projects;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            projects.enterStage(ProcessVariables.projectId(task), catalogue.requireTask(task.getTaskDefinitionKey()).stage());
        } catch (ProjectStateException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
