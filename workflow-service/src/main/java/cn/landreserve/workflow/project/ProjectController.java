package cn.landreserve.workflow.project;

import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.security.CurrentActor;
import java.math.BigDecimal;
import java.net.URI;
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
@RequestMapping("/api/projects")
class ProjectController {

    private final ProjectService service;
    private final ProjectRepository projects;
    private final WorkflowEngine engine;
    private final CurrentActor currentActor;

    ProjectController(ProjectService service, ProjectRepository projects, WorkflowEngine engine,
            CurrentActor currentActor) {
        this.service = service;
        this.projects = projects;
        this.engine = engine;
        this.currentActor = currentActor;
    }

    record CreateProjectRequest(String name, String district, BigDecimal areaSquareMeters, Boolean formerIndustrial,
            String description) {}

    /** The facts as they should be now, and why they change. */
    record AmendmentRequest(String name, String district, BigDecimal areaSquareMeters, Boolean formerIndustrial,
            String description, String reason) {}

    record PublicationRequest(Boolean published, String reason) {}

    @PostMapping
    ResponseEntity<Project> create(@RequestBody CreateProjectRequest request) throws DomainException {
        if (request == null) {
            throw new DomainException(Refusal.INVALID, "MALFORMED_REQUEST", "a JSON body is required");
        }
        Project project = service.open(new NewProject(request.name(), request.district(), request.areaSquareMeters(),
                Boolean.TRUE.equals(request.formerIndustrial()), request.description()), currentActor.require());
        return ResponseEntity.created(URI.create("/api/projects/" + project.id().value())).body(project);
    }

    /** The applicant amends the facts before the approval decision: a new anchored version of them. */
    @PostMapping("/{projectId}/amendments")
    Project amend(@PathVariable String projectId, @RequestBody AmendmentRequest request)
            throws DomainException {
        if (request == null || request.formerIndustrial() == null) {
            throw new DomainException(Refusal.INVALID, "INVALID_FIELDS",
                    "formerIndustrial: is required (the amendment states every fact as it should be)",
                    Map.of("fields", Map.of("formerIndustrial", "is required")));
        }
        return service.amend(projectId, new NewProject(request.name(), request.district(), request.areaSquareMeters(),
                request.formerIndustrial(), request.description()), request.reason(), currentActor.require());
    }

    /** The approver publishes or withdraws the project: a new anchored version of its facts. */
    @PostMapping("/{projectId}/publication")
    Project publication(@PathVariable String projectId, @RequestBody PublicationRequest request)
            throws DomainException {
        if (request == null || request.published() == null) {
            throw new DomainException(Refusal.INVALID, "INVALID_FIELDS", "published: is required",
                    Map.of("fields", Map.of("published", "is required")));
        }
        return service.publish(projectId, request.published(), request.reason(), currentActor.require());
    }

    /** Every version of the project's facts, with who changed what why and where it is anchored. */
    @GetMapping("/{projectId}/versions")
    List<ProjectVersion> versions(@PathVariable String projectId) throws DomainException {
        return service.versions(projectId);
    }

    @GetMapping
    List<Project> list(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return projects.list(Math.max(1, Math.min(limit, 500)), Math.max(0, offset));
    }

    @GetMapping("/{projectId}")
    Project get(@PathVariable String projectId) throws DomainException {
        return service.require(projectId);
    }

    /** The project's open tasks: where it stands now. */
    @GetMapping("/{projectId}/tasks")
    List<WorkflowEngine.OpenTask> openTasks(@PathVariable String projectId) throws DomainException {
        Project project = service.require(projectId);
        return project.processInstanceId() == null ? List.of() : engine.tasksOfProject(project.processInstanceId());
    }
}
