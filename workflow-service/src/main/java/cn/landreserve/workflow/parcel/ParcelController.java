package cn.landreserve.workflow.parcel;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.security.CurrentActor;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Parcels of a project, the red line, and their overlap. */
@RestController
class ParcelController {

    private static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");

    private final ParcelService parcels;
    private final RedLineService redLine;
    private final RedLineOverlap overlap;
    private final CurrentActor currentActor;

    ParcelController(ParcelService parcels, RedLineService redLine, RedLineOverlap overlap, CurrentActor currentActor) {
        this.parcels = parcels;
        this.redLine = redLine;
        this.overlap = overlap;
        this.currentActor = currentActor;
    }

    /** The boundaries as a GeoJSON FeatureCollection, and why they are given or changed. */
    record ParcelsRequest(JsonNode geojson, String reason) {}

    /** An import of the red line: a GeoJSON FeatureCollection. */
    record RedLineRequest(JsonNode geojson) {}

    /** A red-line version, and its map in longitude/latitude. */
    record RedLineView(RedLineVersion version, JsonNode geojson) {}

    /** The applicant gives or changes the parcels: a new version of the project's facts, anchored. */
    @PutMapping("/api/projects/{projectId}/parcels")
    ParcelService.ParcelsView replace(@PathVariable String projectId, @RequestBody ParcelsRequest request)
            throws DomainException {
        if (request == null || request.geojson() == null) {
            throw new DomainException(Refusal.INVALID, "GEOJSON_MALFORMED",
                    "geojson: a GeoJSON FeatureCollection is required");
        }
        return parcels.replace(projectId, request.geojson(), request.reason(), currentActor.require());
    }

    @GetMapping("/api/projects/{projectId}/parcels")
    ParcelService.ParcelsView parcels(@PathVariable String projectId) throws DomainException {
        return parcels.view(projectId);
    }

    /** Each parcel's overlap with the current red line (area and share), and whether an opinion is required. */
    @GetMapping("/api/projects/{projectId}/red-line-overlap")
    RedLineOverlap.Result overlap(@PathVariable String projectId) throws DomainException {
        return overlap.compute(projectId);
    }

    /** The operator imports the red line: a new version, anchored before it counts. */
    @PostMapping("/api/red-line")
    ResponseEntity<RedLineVersion> importRedLine(@RequestBody RedLineRequest request) throws DomainException {
        if (request == null || request.geojson() == null) {
            throw new DomainException(Refusal.INVALID, "GEOJSON_MALFORMED",
                    "geojson: a GeoJSON FeatureCollection is required");
        }
        RedLineVersion version = redLine.importVersion(request.geojson(), currentActor.require());
        return ResponseEntity.status(201).body(version);
    }

    /** The current red line with its map; 404 NO_RED_LINE before the first import. */
    @GetMapping("/api/red-line")
    RedLineView current() throws DomainException {
        RedLineService.Loaded loaded = redLine.current().orElseThrow(() -> new DomainException(
                Refusal.NOT_FOUND, "NO_RED_LINE", "no red line has been imported yet"));
        return new RedLineView(loaded.version(), ParcelService.tree(new String(
                Maps.longLat(loaded.boundaries(), null), java.nio.charset.StandardCharsets.UTF_8)));
    }

    @GetMapping("/api/red-line/versions")
    java.util.List<RedLineVersion> versions() {
        return redLine.versions();
    }

    /** The parcels with their overlap as GeoJSON, for the review map. */
    @GetMapping(value = "/api/projects/{projectId}/red-line-overlap/map")
    ResponseEntity<byte[]> overlapMap(@PathVariable String projectId) throws DomainException {
        return ResponseEntity.ok().contentType(GEOJSON).body(overlap.map(projectId));
    }
}
