package cn.landreserve.workflow.supervision;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.security.CurrentActor;
import cn.landreserve.workflow.web.MultipartForm;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Inspections of stored land: recorded by inspectors from a phone, read by the agency, approvers and auditors. */
@RestController
class InspectionController {

    static final Set<String> FIELDS = Set.of("finding", "inspectedAt", "longitude", "latitude", "notes");
    static final int MAX_PHOTOS = 8;
    static final int MAX_PHOTO_BYTES = 15 * 1024 * 1024;

    private final InspectionService service;
    private final InspectionCycle cycle;
    private final CurrentActor currentActor;

    InspectionController(InspectionService service, InspectionCycle cycle, CurrentActor currentActor) {
        this.service = service;
        this.cycle = cycle;
        this.currentActor = currentActor;
    }

    /**
     * multipart/form-data: the fields {@code finding}, {@code inspectedAt}, optionally {@code longitude},
     * {@code latitude}, {@code notes}, then up to {@value #MAX_PHOTOS} parts {@code photo} (JPEG or PNG).
     */
    @PostMapping("/api/projects/{projectId}/inspections")
    ResponseEntity<InspectionView> record(@PathVariable String projectId, HttpServletRequest request)
            throws DomainException {
        try {
            MultipartForm.SmallFiles form = MultipartForm.fieldsThenSmallFiles(request, "photo", FIELDS, MAX_PHOTOS,
                    MAX_PHOTO_BYTES);
            InspectionView view = service.record(projectId, new InspectionService.NewInspection(form.field("finding"),
                    form.field("inspectedAt"), form.field("longitude"), form.field("latitude"), form.field("notes")),
                    form.files().stream().map(f -> new InspectionService.Photo(f.fileName(), f.content())).toList(),
                    currentActor.require());
            return ResponseEntity.status(201).body(view);
        } catch (DomainException refused) {
            MultipartForm.discardRest(request, 64L << 20);
            throw refused;
        }
    }

    @GetMapping("/api/projects/{projectId}/inspections")
    List<Inspection> inspections(@PathVariable String projectId) {
        return service.ofProject(projectId);
    }

    /** Projects in the reserve, when each is due for inspection, missed cycles and open rectifications. */
    @GetMapping("/api/inspections/due")
    List<InspectionCycle.Due> due() {
        return cycle.due();
    }
}
