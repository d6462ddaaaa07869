package cn.landreserve.workflow.task;

import cn.landreserve.workflow.engine.WorkflowEngine.OpenTask;
import cn.landreserve.workflow.engine.WorkflowEngine.TaskPage;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.security.CurrentActor;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
class TaskController {

    static final String TOTAL_COUNT = "X-Total-Count";

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

    /**
     * A page of my open tasks (default: 50, earliest due date first), filtered by stage, project or overdue; the
     * number of all matching tasks in the header {@code X-Total-Count}.
     */
    @GetMapping
    ResponseEntity<List<TaskView>> mine(@RequestParam(required = false) String stage,
            @RequestParam(required = false) String projectId, @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String order,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "" + TaskListQuery.DEFAULT_LIMIT) int limit) throws DomainException {
        TaskPage page = work.myTasks(currentActor.require(),
                TaskListQuery.of(stage, projectId, overdue, sort, order, offset, limit));
        return ResponseEntity.ok().header(TOTAL_COUNT, Long.toString(page.total()))
                .body(views(page.tasks()));
    }

    @GetMapping("/{taskId}")
    TaskView get(@PathVariable String taskId) throws DomainException {
        return view(work.workable(taskId, currentActor.require()));
    }

    @PostMapping("/{taskId}/claim")
    TaskView claim(@PathVariable String taskId) throws DomainException {
        return view(work.claim(taskId, currentActor.require()));
    }

    @PostMapping("/{taskId}/complete")
    Decision complete(@PathVariable String taskId, @RequestBody CompleteRequest request)
            throws DomainException {
        return work.complete(taskId, currentActor.require(), request.outcome(), request.opinion());
    }

    /** Views of many tasks, their projects read in one query. */
    private List<TaskView> views(List<OpenTask> tasks) {
        Map<String, Project> byId = projects.findAll(tasks.stream().map(OpenTask::projectId).distinct().toList());
        return tasks.stream().map(task -> {
            Project p = byId.get(task.projectId());
            return new TaskView(task, p == null ? null : p.code(), p == null ? null : p.name(),
                    catalogue.requireTask(task.elementId()));
        }).toList();
    }

    private TaskView view(OpenTask task) {
        var project = projects.find(task.projectId());
        return new TaskView(task, project.map(p -> p.code()).orElse(null), project.map(p -> p.name()).orElse(null),
                catalogue.requireTask(task.elementId()));
    }
}
