package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.kernel.Refusal.NOT_FOUND;

import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.ledger.LedgerReads;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.project.ProjectVersion;
import cn.landreserve.workflow.project.ProjectVersionRepository;
import cn.landreserve.workflow.security.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A project's parcels: given by the applicant as an amendment of the facts, read back with their areas. */
@Service
public class ParcelService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParcelRepository parcels;
    private final ProjectService projects;
    private final ProjectVersionRepository versions;
    private final LedgerReads ledger;
    private final Clock clock;
    private final BigDecimal areaTolerance;

    ParcelService(ParcelRepository parcels, ProjectService projects, ProjectVersionRepository versions,
            LedgerReads ledger, Clock clock,
            ReserveProperties settings) {
        this.parcels = parcels;
        this.projects = projects;
        this.versions = versions;
        this.ledger = ledger;
        this.clock = clock;
        this.areaTolerance = settings.parcels().areaTolerance();
    }

    /** The parcels of the project's current facts, with their areas against the declared area. */
    public record ParcelsView(String projectId, int factsVersion, String factsEvidenceId, String geometrySha256,
            Boolean anchoredOnLedger, String crs, String areaPlane, List<ParcelAreas.ParcelArea> parcels,
            BigDecimal totalSquareMeters, BigDecimal declaredSquareMeters, BigDecimal differenceShare,
            BigDecimal tolerance, boolean areaMismatch, JsonNode geojson) {}

    /** The current parcels, read and checked afresh from their canonical form. */
    public record Current(Project project, ProjectVersion version, Boundaries boundaries, ParcelAreas areas) {}

    @Transactional(rollbackFor = Exception.class)
    public ParcelsView replace(String projectId, JsonNode geojson, String reason, Actor actor)
            throws DomainException {
        Boundaries boundaries = Boundaries.read(geojson);
        ParcelAreas areas = ParcelAreas.of(boundaries);
        parcels.store(boundaries, areas.totalSquareMeters(), clock.instant());
        projects.amendGeometry(projectId, boundaries.sha256(), reason, actor);
        return view(current(projectId).orElseThrow());
    }

    public ParcelsView view(String projectId) throws DomainException {
        return view(current(projectId).orElseThrow(() -> new DomainException(NOT_FOUND, "NO_PARCELS",
                "project " + projectId + " has no parcel boundaries yet", Map.of("projectId", projectId))));
    }

    /** The project's current parcels, if it has any. */
    public Optional<Current> current(String projectId) throws DomainException {
        Project project = projects.require(projectId);
        Optional<ProjectVersion> latest = versions.latest(projectId);
        if (latest.isEmpty() || latest.get().geometrySha256() == null) {
            return Optional.empty();
        }
        String canonical = parcels.canonical(latest.get().geometrySha256()).orElseThrow(() -> new IllegalStateException(
                "parcel geometry " + latest.get().geometrySha256() + " of project " + projectId + " is missing"));
        Boundaries boundaries = Boundaries.read(tree(canonical));
        return Optional.of(new Current(project, latest.get(), boundaries, ParcelAreas.of(boundaries)));
    }

    private ParcelsView view(Current c) {
        BigDecimal total = c.areas().totalSquareMeters();
        BigDecimal declared = c.project().areaSquareMeters();
        BigDecimal difference = total.subtract(declared).abs().divide(declared, 6, RoundingMode.HALF_EVEN);
        return new ParcelsView(c.project().id().value(), c.version().version(), c.version().id(),
                c.boundaries().sha256(), anchored(c), c.boundaries().crs().name(), c.areas().plane().name(),
                c.areas().areas(), total, declared, difference, areaTolerance,
                difference.compareTo(areaTolerance) > 0, tree(new String(Maps.longLat(c.boundaries(), null),
                        StandardCharsets.UTF_8)));
    }

    /** Whether the ledger's current facts of the project name these parcels; null while the ledger is away. */
    private Boolean anchored(Current c) {
        try {
            return ledger.projectFacts(c.project().id())
                    .map(r -> c.boundaries().sha256().equals(r.geometrySha256())).orElse(false);
        } catch (LedgerUnavailableException e) {
            return null;
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
