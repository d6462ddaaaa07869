package cn.landreserve.workflow.task;

import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.ProjectStateException;
import cn.landreserve.workflow.security.CurrentActor;
import cn.landreserve.workflow.task.WorkflowEngine.OpenTask;
import cn.landreserve.workflow.web.RequestRejectedException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TaskWork work;
    private final LifecycleCatalogue catalogue;
    private final CurrentActor currentActor;

    TaskController(TaskWork work, LifecycleCatalogue catalogue, CurrentActor currentActor) {
        this.work = work;
        this.catalogue = catalogue;
        this.currentActor = currentActor;
    }

    /** An open task with what the lifecycle says about it: its stage and possible outcomes. */
    record TaskView(OpenTask task, TaskDefinition definition) {}

    record CompleteRequest(String outcome, String opinion) {}

    @GetMapping
    List<TaskView> mine() {
        return work.myTasks(currentActor.require()).stream().map(this::view).toList();
    }

    @GetMapping("/{taskId}")
    TaskView get(@PathVariable String taskId) throws RequestRejectedException {
        return view(work.workable(taskId, currentActor.require()));
    }

    @PostMapping("/{taskId}/claim")
    TaskView claim(@PathVariable String taskId) throws RequestRejectedException {
        return view(work.claim(taskId, currentActor.require()));
    }

    @PostMapping("/{taskId}/complete")
    Decision complete(@PathVariable String taskId, @RequestBody CompleteRequest request)
            throws RequestRejectedException, ProjectStateException {
        return work.complete(taskId, currentActor.require(), request.outcome(), request.opinion());
    }

    private TaskView view(OpenTask task) {
        return new TaskView(task, catalogue.requireTask(task.elementId()));
    }
}
