package cn.landreserve.workflow.task;

import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.ProjectRepository;
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
    private final ProjectRepository projects;

    TaskController(TaskWork work, LifecycleCatalogue catalogue, CurrentActor currentActor, ProjectRepository projects) {
        this.work = work;
        this.catalogue = catalogue;
        this.currentActor = currentActor;
        this.projects = projects;
    }

    /** An open task with its project's code and name, and what the lifecycle says about it. */
    record TaskView(OpenTask task, String projectCode, String projectName, TaskDefinition definition) {}

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
        var project = projects.find(task.projectId());
        return new TaskView(task, project.map(p -> p.code()).orElse(null), project.map(p -> p.name()).orElse(null),
                catalogue.requireTask(task.elementId()));
    }
}
