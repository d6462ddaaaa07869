package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.kernel.Refusal.UNPROCESSABLE;

import cn.landreserve.workflow.document.Classification;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.task.CompletionCheck;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The overlap of a project's parcels with the current red line, as the ecology reviewer sees it and as it is
 * anchored with their decision: completing {@value #ELEMENT} for a project with parcels records the overlap report
 * (the geometry digest and the facts version naming it, the red-line version and digest, each parcel's overlap area
 * and share) as a GeoJSON document of the task, which the decision relies on; an overlap beyond the threshold
 * needs a written opinion.
 */
@Service
public class RedLineOverlap implements CompletionCheck {

    static final String ELEMENT = "Task_ReviewEcology";
    public static final String REPORT_TYPE = "ECOLOGY_OVERLAP_REPORT";

    private final ParcelService parcels;
    private final RedLineService redLine;
    private final DocumentService documents;
    private final Clock clock;
    private final BigDecimal threshold;

    RedLineOverlap(ParcelService parcels, RedLineService redLine, DocumentService documents, Clock clock,
            ReserveProperties settings) {
        this.parcels = parcels;
        this.redLine = redLine;
        this.documents = documents;
        this.clock = clock;
        this.threshold = settings.ecology().overlapThresholdSquareMeters();
    }

    /**
     * What the review is based on. {@code status}: {@code COMPUTED}, {@code NO_PARCELS} (the project has no
     * boundaries yet) or {@code NO_RED_LINE} (none imported).
     */
    public record Result(String projectId, String status, String geometrySha256, String factsEvidenceId,
            Integer redLineVersion, String redLineEvidenceId, String redLineSha256, String areaPlane,
            BigDecimal thresholdSquareMeters, List<ParcelAreas.Overlap> parcels, BigDecimal overlapSquareMeters,
            boolean opinionRequired) {}

    public Result compute(String projectId) throws DomainException {
        Optional<ParcelService.Current> current = parcels.current(projectId);
        Optional<RedLineService.Loaded> line = redLine.current();
        if (current.isEmpty()) {
            return new Result(projectId, "NO_PARCELS", null, null, line.map(l -> l.version().version()).orElse(null),
                    line.map(l -> l.version().id()).orElse(null), line.map(l -> l.version().sha256()).orElse(null),
                    null, threshold, List.of(), BigDecimal.ZERO.setScale(2), false);
        }
        ParcelService.Current c = current.get();
        if (line.isEmpty()) {
            return new Result(projectId, "NO_RED_LINE", c.boundaries().sha256(), c.version().id(), null, null, null,
                    c.areas().plane().name(), threshold, List.of(), BigDecimal.ZERO.setScale(2), false);
        }
        List<ParcelAreas.Overlap> overlaps = c.areas().overlapWith(line.get().boundaries());
        BigDecimal total = overlaps.stream().map(ParcelAreas.Overlap::overlapSquareMeters)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        boolean beyond = overlaps.stream().anyMatch(o -> o.overlapSquareMeters().compareTo(threshold) > 0);
        return new Result(projectId, "COMPUTED", c.boundaries().sha256(), c.version().id(),
                line.get().version().version(), line.get().version().id(), line.get().version().sha256(),
                c.areas().plane().name(), threshold, overlaps, total, beyond);
    }

    /** The overlap as a GeoJSON map (parcels with their overlap), for the review page. */
    public byte[] map(String projectId) throws DomainException {
        Optional<ParcelService.Current> current = parcels.current(projectId);
        if (current.isEmpty()) {
            return "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Result result = compute(projectId);
        return Maps.longLat(current.get().boundaries(), properties(result, current.get()), members(result));
    }

    @Override
    public void beforeCompletion(Completion completion) throws DomainException {
        if (!ELEMENT.equals(completion.elementId())) {
            return;
        }
        Optional<ParcelService.Current> current = parcels.current(completion.projectId());
        if (current.isEmpty()) {
            return; // no parcels, nothing to overlay: the review stands on the documents alone
        }
        Result result = compute(completion.projectId());
        if (result.opinionRequired() && completion.opinion().isBlank()) {
            throw new DomainException(UNPROCESSABLE, "OVERLAP_NEEDS_OPINION", "parcels overlap the "
                    + "ecological red line by " + result.overlapSquareMeters() + " m² (threshold "
                    + threshold + " m² per parcel): a written opinion is required",
                    Map.of("taskId", completion.taskId(), "overlapSquareMeters", result.overlapSquareMeters(),
                            "redLineVersion", result.redLineVersion()));
        }
        byte[] report = Maps.longLat(current.get().boundaries(), properties(result, current.get()), members(result));
        documents.recordGenerated(new DocumentService.Generated(completion.projectId(), completion.stage(),
                REPORT_TYPE, completion.taskId(), "ecology-overlap-report.geojson", Classification.INTERNAL,
                completion.actor().username(), true), report);
    }

    private List<Map<String, Object>> properties(Result result, ParcelService.Current c) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < c.boundaries().features().size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("areaSquareMeters", c.areas().areas().get(i).areaSquareMeters());
            if (!result.parcels().isEmpty()) {
                ParcelAreas.Overlap o = result.parcels().get(i);
                p.put("overlapSquareMeters", o.overlapSquareMeters());
                p.put("share", o.share());
                p.put("touches", o.touches());
                p.put("beyondThreshold", o.overlapSquareMeters().compareTo(threshold) > 0);
            }
            out.add(p);
        }
        return out;
    }

    private Map<String, Object> members(Result result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("report", reportMap(result));
        return report;
    }

    private Map<String, Object> reportMap(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("projectId", r.projectId());
        m.put("status", r.status());
        m.put("geometrySha256", r.geometrySha256());
        m.put("factsEvidenceId", r.factsEvidenceId());
        m.put("redLineVersion", r.redLineVersion());
        m.put("redLineEvidenceId", r.redLineEvidenceId());
        m.put("redLineSha256", r.redLineSha256());
        m.put("areaPlane", r.areaPlane());
        m.put("thresholdSquareMeters", r.thresholdSquareMeters());
        m.put("overlapSquareMeters", r.overlapSquareMeters());
        m.put("opinionRequired", r.opinionRequired());
        m.put("computedAt", clock.instant().toString());
        return m;
    }

}
