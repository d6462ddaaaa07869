package cn.landreserve.workflow.project;

import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.evidence.Timeline;
import cn.landreserve.workflow.evidence.TimelineItem;
import cn.landreserve.workflow.security.CurrentActor;
import cn.landreserve.workflow.task.WorkflowEngine;
import cn.landreserve.workflow.web.RequestRejectedException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/projects")
class ProjectController {

    private final ProjectService service;
    private final ProjectRepository projects;
    private final Timeline timeline;
    private final WorkflowEngine engine;
    private final CurrentActor currentActor;

    ProjectController(ProjectService service, ProjectRepository projects, Timeline timeline, WorkflowEngine engine,
            CurrentActor currentActor) {
        this.service = service;
        this.projects = projects;
        this.timeline = timeline;
        this.engine = engine;
        this.currentActor = currentActor;
    }

    record CreateProjectRequest(String name, String district, BigDecimal areaSquareMeters, Boolean formerIndustrial,
            String description, Boolean published) {}

    @PostMapping
    ResponseEntity<Project> create(@RequestBody CreateProjectRequest request) throws RequestRejectedException {
        if (request == null) {
            throw new RequestRejectedException(cn.landreserve.workflow.web.Rejection.INVALID, "MALFORMED_REQUEST", "a JSON body is required");
        }
        Project project = service.open(new NewProject(request.name(), request.district(), request.areaSquareMeters(),
                Boolean.TRUE.equals(request.formerIndustrial()), request.description(),
                Boolean.TRUE.equals(request.published())), currentActor.require());
        return ResponseEntity.created(URI.create("/api/projects/" + project.id().value())).body(project);
    }

    @GetMapping
    List<Project> list(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return projects.list(Math.max(1, Math.min(limit, 500)), Math.max(0, offset));
    }

    @GetMapping("/{projectId}")
    Project get(@PathVariable String projectId) throws RequestRejectedException {
        return service.require(projectId);
    }

    /** The project's evidence in time order, each item with its anchoring state and transaction id. */
    @GetMapping("/{projectId}/timeline")
    List<TimelineItem> timeline(@PathVariable String projectId) throws RequestRejectedException {
        Project project = service.require(projectId);
        return timeline.of(project.id().value(), currentActor.require());
    }

    /** The project's open tasks: where it stands now. */
    @GetMapping("/{projectId}/tasks")
    List<WorkflowEngine.OpenTask> openTasks(@PathVariable String projectId) throws RequestRejectedException {
        Project project = service.require(projectId);
        return project.processInstanceId() == null ? List.of() : engine.tasksOfProject(project.processInstanceId());
    }
}
