package cn.landreserve.workflow.evidence;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.CurrentActor;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A project's evidence in time order: the timeline lives with the evidence it reads, under the project's path. */
@RestController
class TimelineController {

    private final ProjectService projects;
    private final Timeline timeline;
    private final CurrentActor currentActor;

    TimelineController(ProjectService projects, Timeline timeline, CurrentActor currentActor) {
        this.projects = projects;
        this.timeline = timeline;
        this.currentActor = currentActor;
    }

    /** The project's evidence in time order, each item with its anchoring state and transaction id. */
    @GetMapping("/api/projects/{projectId}/timeline")
    List<TimelineItem> timeline(@PathVariable String projectId) throws DomainException {
        Project project = projects.require(projectId);
        return timeline.of(project.id(), currentActor.require());
    }
}
