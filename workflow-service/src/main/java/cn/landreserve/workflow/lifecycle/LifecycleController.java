package cn.landreserve.workflow.lifecycle;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The lifecycle catalogue, for forms and checklists. Public: it describes the law's stages, no project data. */
@RestController
@RequestMapping("/api/lifecycle")
class LifecycleController {

    private final LifecycleCatalogue catalogue;

    LifecycleController(LifecycleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/stages")
    List<Stage> stages() {
        return catalogue.stages();
    }

    @GetMapping("/tasks")
    List<TaskDefinition> tasks() {
        return catalogue.tasks();
    }
}
