package cn.landreserve.workflow.supervision;

import static cn.landreserve.workflow.kernel.Refusal.CONFLICT;
import static cn.landreserve.workflow.kernel.Refusal.FORBIDDEN;
import static cn.landreserve.workflow.kernel.Refusal.INVALID;
import static cn.landreserve.workflow.kernel.Refusal.UNSUPPORTED_MEDIA_TYPE;

import cn.landreserve.workflow.document.Classification;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.kernel.TextRules;
import cn.landreserve.workflow.parcel.ParcelService;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an inspection of stored land: the checks first (role, the project in the reserve, the fields, every photo
 * a JPEG or PNG), each photo's EXIF time and position compared with the inspection and the parcels, then, in one
 * transaction, one INSPECTION_PHOTO document per photo and the INSPECTION_RECORD document (a GeoJSON Feature at the
 * inspector's position naming the finding, the time, the photos' digests and their checks), both anchored like
 * every document; a finding other than normal opens a rectification with a deadline.
 */
@Service
public class InspectionService {

    /** Stages in which the land is in the reserve (from the entry into the reserve to archiving). */
    static final Set<String> SUPERVISED_STAGES = Set.of("SITE_PREPARATION", "COMPLETION_ACCEPTANCE");
    static final String RECORD_TYPE = "INSPECTION_RECORD";
    static final String PHOTO_TYPE = "INSPECTION_PHOTO";
    private static final int MAX_NOTES = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProjectRepository projects;
    private final ParcelService parcels;
    private final DocumentService documents;
    private final InspectionRepository inspections;
    private final WorkflowEngine engine;
    private final Clock clock;
    private final double distanceTolerance;
    private final Duration timeTolerance;
    private final Duration rectificationPeriod;

    InspectionService(ProjectRepository projects, ParcelService parcels, DocumentService documents,
            InspectionRepository inspections, WorkflowEngine engine, Clock clock,
            ReserveProperties settings) {
        this.projects = projects;
        this.parcels = parcels;
        this.documents = documents;
        this.inspections = inspections;
        this.engine = engine;
        this.clock = clock;
        this.distanceTolerance = settings.supervision().photoDistanceToleranceMeters();
        this.timeTolerance = settings.supervision().photoTimeTolerance();
        this.rectificationPeriod = settings.supervision().rectificationPeriod();
    }

    /** The inspection as the inspector states it. */
    /** A photo taken on site, read whole (photos are small). */
    public record Photo(String fileName, byte[] content) {}

    public record NewInspection(String finding, String inspectedAt, String longitude, String latitude, String notes) {}

    @Transactional(rollbackFor = Exception.class)
    public InspectionView record(String projectId, NewInspection form, List<Photo> photos, Actor actor)
            throws DomainException {
        if (actor.role() != Role.INSPECTOR) {
            throw new DomainException(FORBIDDEN, "NOT_AN_INSPECTOR", "only inspectors record inspections");
        }
        Project project = projects.findForUpdate(projectId).orElseThrow(() -> new DomainException(
                cn.landreserve.workflow.kernel.Refusal.NOT_FOUND, "PROJECT_NOT_FOUND", "no project " + projectId,
                Map.of("projectId", String.valueOf(projectId))));
        if (!project.active() || !SUPERVISED_STAGES.contains(project.currentStage())) {
            throw new DomainException(CONFLICT, "NOT_IN_RESERVE", "project " + projectId + " is "
                    + project.status() + " in stage " + project.currentStage() + "; land is inspected from its entry "
                    + "into the reserve until archiving", Map.of("projectId", projectId, "stage", project.currentStage()));
        }
        Finding finding = finding(form.finding());
        Instant now = clock.instant();
        Instant inspectedAt = inspectedAt(form.inspectedAt(), now);
        Double longitude = coordinate("longitude", form.longitude(), -180, 180);
        Double latitude = coordinate("latitude", form.latitude(), -90, 90);
        if ((longitude == null) != (latitude == null)) {
            invalid("longitude", "longitude and latitude go together");
        }
        String notes = form.notes() == null ? "" : form.notes().strip();
        if (notes.length() > MAX_NOTES || notes.codePoints().anyMatch(c -> c != '\n' && c != '\r' && c != '\t'
                && TextRules.forbidden(c))) {
            invalid("notes", "at most " + MAX_NOTES + " characters, no control or direction-override characters");
        }
        for (int i = 0; i < photos.size(); i++) {
            if (!isJpegOrPng(photos.get(i).content())) {
                throw new DomainException(UNSUPPORTED_MEDIA_TYPE, "PHOTO_TYPE_NOT_ALLOWED",
                        "photo " + (i + 1) + " is not a JPEG or PNG image", Map.of("photo", i + 1));
            }
        }

        Optional<ParcelService.Current> current = parcels.current(projectId);
        List<PhotoCheck> checks = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            checks.add(check(i + 1, PhotoExif.read(photos.get(i).content()), inspectedAt, current));
        }

        String inspectionId = "insp-" + UUID.randomUUID().toString().replace("-", "");
        List<Document> photoDocuments = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            String extension = photos.get(i).content()[0] == (byte) 0xFF ? "jpg" : "png";
            photoDocuments.add(documents.recordGenerated(new DocumentService.Generated(projectId,
                    project.currentStage(), PHOTO_TYPE, null, inspectionId + "-photo-" + (i + 1) + "." + extension,
                    Classification.INTERNAL, actor.username(), false), photos.get(i).content()));
        }
        byte[] record = recordJson(inspectionId, project, actor, inspectedAt, finding, longitude, latitude, notes,
                checks, photoDocuments, current.map(c -> c.boundaries().sha256()).orElse(null), now);
        Document recordDocument = documents.recordGenerated(new DocumentService.Generated(projectId,
                project.currentStage(), RECORD_TYPE, null, inspectionId + ".geojson", Classification.INTERNAL,
                actor.username(), false), record);
        int flagged = (int) checks.stream().filter(PhotoCheck::flagged).count();
        Inspection inspection = new Inspection(inspectionId, projectId, recordDocument.id(), actor.username(),
                inspectedAt, finding, longitude, latitude, photos.size(), flagged, now);
        inspections.insert(inspection);

        String rectificationId = null;
        Instant deadline = null;
        if (finding.needsRectification()) {
            rectificationId = "rect-" + UUID.randomUUID().toString().replace("-", "");
            deadline = inspectedAt.plus(rectificationPeriod);
            String processInstance = engine.startRectification(projectId, rectificationId, deadline);
            inspections.openRectification(rectificationId, projectId, inspectionId, processInstance, deadline, now);
        }
        return new InspectionView(inspection, checks, photoDocuments.stream().map(Document::id).toList(),
                rectificationId, deadline);
    }

    public List<Inspection> ofProject(String projectId) {
        return inspections.ofProject(projectId);
    }

    private PhotoCheck check(int index, PhotoExif.Read exif, Instant inspectedAt,
            Optional<ParcelService.Current> current) {
        List<String> problems = new ArrayList<>();
        Long minutes = null;
        if (exif.takenAt() == null) {
            problems.add("NO_EXIF_TIME");
        } else {
            minutes = Duration.between(inspectedAt, exif.takenAt()).toMinutes();
            if (Math.abs(minutes) > timeTolerance.toMinutes()) {
                problems.add("TIME_MISMATCH");
            }
        }
        Double distance = null;
        if (exif.longitude() == null) {
            problems.add("NO_EXIF_POSITION");
        } else if (current.isEmpty()) {
            problems.add("NO_PARCELS");
        } else {
            distance = Math.round(current.get().areas().distanceMeters(exif.longitude(), exif.latitude()) * 10) / 10d;
            if (distance > distanceTolerance) {
                problems.add("OUTSIDE_PARCEL");
            }
        }
        return new PhotoCheck(index, exif.takenAt(), exif.longitude(), exif.latitude(), distance, minutes,
                List.copyOf(problems));
    }

    private static byte[] recordJson(String id, Project project, Actor actor, Instant inspectedAt, Finding finding,
            Double longitude, Double latitude, String notes, List<PhotoCheck> checks, List<Document> photos,
            String geometrySha256, Instant now) {
        ObjectNode feature = JSON.createObjectNode();
        feature.put("type", "Feature");
        if (longitude == null) {
            feature.putNull("geometry");
        } else {
            ObjectNode point = feature.putObject("geometry");
            point.put("type", "Point");
            point.putArray("coordinates").add(longitude).add(latitude);
        }
        ObjectNode p = feature.putObject("properties");
        p.put("inspectionId", id);
        p.put("projectId", project.id().value());
        p.put("projectCode", project.code());
        p.put("inspector", actor.username());
        p.put("inspectedAt", inspectedAt.toString());
        p.put("finding", finding.name());
        p.put("notes", notes);
        p.put("parcelsGeometrySha256", geometrySha256);
        ArrayNode list = p.putArray("photos");
        for (int i = 0; i < photos.size(); i++) {
            PhotoCheck c = checks.get(i);
            ObjectNode photo = list.addObject();
            photo.put("index", c.index());
            photo.put("takenAt", c.takenAt() == null ? null : c.takenAt().toString());
            photo.put("longitude", c.longitude());
            photo.put("latitude", c.latitude());
            photo.put("distanceMeters", c.distanceMeters());
            photo.put("minutesFromInspection", c.minutesFromInspection());
            c.problems().forEach(photo.putArray("problems")::add);
            photo.put("documentId", photos.get(i).id());
            photo.put("sha256", photos.get(i).file().sha256());
            photo.put("sm3", photos.get(i).file().sm3());
        }
        p.put("recordedAt", now.toString());
        try {
            return JSON.writeValueAsBytes(feature);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJpegOrPng(byte[] b) {
        boolean jpeg = b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
        boolean png = b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        return jpeg || png;
    }

    private static Finding finding(String value) throws DomainException {
        try {
            return Finding.valueOf(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new DomainException(INVALID, "UNKNOWN_FINDING", "finding must be one of "
                    + List.of(Finding.values()), Map.of("given", String.valueOf(value)));
        }
    }

    private static Instant inspectedAt(String value, Instant now) throws DomainException {
        Instant at = null;
        try {
            at = value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            // refused below
        }
        if (at == null) {
            invalid("inspectedAt", "an ISO-8601 instant such as 2026-12-02T02:00:00Z is required");
        }
        if (at.isAfter(now.plus(Duration.ofMinutes(5))) || at.isBefore(now.minus(Duration.ofDays(30)))) {
            invalid("inspectedAt", "must lie within the last 30 days, not in the future");
        }
        return at;
    }

    private static Double coordinate(String field, String value, double min, double max)
            throws DomainException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(value.strip());
            if (Double.isFinite(v) && v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        invalid(field, "a decimal degree between " + min + " and " + max);
        return null;
    }

    private static void invalid(String field, String problem) throws DomainException {
        throw new DomainException(INVALID, "INVALID_FIELDS", field + ": " + problem,
                Map.of("fields", Map.of(field, problem)));
    }
}
