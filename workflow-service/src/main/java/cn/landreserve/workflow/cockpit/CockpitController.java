package cn.landreserve.workflow.cockpit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cockpit}: the leadership cockpit's figures (approvers, auditors, operators). */
@RestController
@RequestMapping("/api/cockpit")
class CockpitController {

    private final CockpitFigures figures;

    CockpitController(CockpitFigures figures) {
        this.figures = figures;
    }

    @GetMapping
    Cockpit cockpit() {
        return figures.compute();
    }
}
