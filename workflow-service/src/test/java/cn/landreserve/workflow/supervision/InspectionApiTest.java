package cn.landreserve.workflow.supervision;

import static cn.landreserve.workflow.parcel.GeoJsonFixtures.collection;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.feature;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.polygon;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.ring;
import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.evidence.PendingDocumentSweeper;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.LifecycleSteps;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Inspections of stored land through the API, on a project taken into the reserve with real parcels: photos whose
 * EXIF puts them outside the parcel or at another time are flagged, an occupation opens a rectification task for the
 * agency with its deadline, the inspection and its photos are anchored and appear in the timeline, the audit and
 * receipts; a missed cycle is escalated.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectionApiTest extends RunningServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOUNDARY = "----inspection-test-boundary";

    @Autowired LifecycleCatalogue catalogue;
    @Autowired ProjectRepository projects;
    @Autowired DocumentRepository documentRepository;
    @Autowired PendingDocumentSweeper sweeper;
    @Autowired EvidenceLedger ledger;
    @Autowired InspectionCycle cycle;

    private Project stored;

    /** A project in site preparation whose parcel is the 0.002° square south-west corner 117°E 36°N. */
    @BeforeAll
    void aProjectInTheReserve() throws Exception {
        stored = projectService.open(new Project.NewProject("管护巡查项目", "测试区", new BigDecimal("40000.00"), false,
                null), user("applicant"));
        String parcels = collection("EPSG:4490", feature("储备地块", polygon(ring(117.0, 36.0, 117.002, 36.002))));
        assertThat(as("applicant").putJson("/api/projects/" + stored.id().value() + "/parcels",
                "{\"geojson\":" + parcels + ",\"reason\":\"勘测定界\"}").status()).isEqualTo(200);
        LifecycleSteps s = new LifecycleSteps(catalogue, projects, documentRepository, documents, tasks, engine,
                management);
        s.step(stored, "Task_PrepareInitiation", user("applicant"), "SUBMIT", "");
        s.step(stored, "Task_ReviewNaturalResources", user("reviewer-nr"), "APPROVE", "同意");
        s.step(stored, "Task_ReviewEcology", user("reviewer-eco"), "APPROVE", "同意");
        s.step(stored, "Task_ReviewFinance", user("reviewer-fin"), "APPROVE", "同意");
        s.step(stored, "Task_ApproveInitiation", user("approver"), "APPROVE", "同意立项");
        s.step(stored, "Task_RecordAcquisition", user("applicant"), "SUBMIT", "");
        s.step(stored, "Task_ConfirmPayment", user("reviewer-fin"), "CONFIRM", "");
        s.step(stored, "Task_ConfirmReserveEntry", user("reviewer-nr"), "CONFIRM", "");
        assertThat(projects.find(stored.id().value()).orElseThrow().currentStage()).isEqualTo("SITE_PREPARATION");
    }

    @Test
    void an_occupation_with_a_photo_taken_outside_the_parcel_is_flagged_opens_a_rectification_and_is_evidence()
            throws Exception {
        String id = stored.id().value();
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        byte[] inside = TestPhotos.jpeg(at.plusSeconds(60), 117.001, 36.001);
        byte[] outside = TestPhotos.jpeg(at.plusSeconds(120), 117.02, 36.001); // about 1.6 km east
        byte[] lateAndBare = TestPhotos.jpeg(at.minus(Duration.ofHours(5)), null, null);

        Response recorded = as("inspector").post("/api/projects/" + id + "/inspections", "multipart/form-data; boundary="
                + BOUNDARY, form(List.of("finding", "OCCUPATION", "inspectedAt", at.toString(), "longitude", "117.001",
                        "latitude", "36.001", "notes", "东侧有临时建筑占用"), List.of(inside, outside, lateAndBare)));
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        JsonNode photos = recorded.json().path("photos");
        assertThat(photos.get(0).path("problems")).isEmpty();
        assertThat(photos.get(0).path("distanceMeters").asDouble()).isZero();
        assertThat(photos.get(1).path("problems").toString()).contains("OUTSIDE_PARCEL");
        assertThat(photos.get(1).path("distanceMeters").asDouble()).isBetween(1_500.0, 1_700.0);
        assertThat(photos.get(2).path("problems").toString()).contains("TIME_MISMATCH").contains("NO_EXIF_POSITION");
        assertThat(recorded.json().path("inspection").path("flaggedPhotos").asInt()).isEqualTo(2);

        // The occupation opened a rectification task for the agency, due at the deadline.
        String rectification = recorded.json().path("rectificationId").asText();
        assertThat(rectification).startsWith("rect-");
        Instant deadline = Instant.parse(recorded.json().path("rectificationDeadline").asText());
        assertThat(deadline).isEqualTo(at.plus(Duration.ofDays(15)));
        var rectify = engine.tasksFor(List.of("applicant"), "applicant",
                        new WorkflowEngine.TaskFilter(List.of("Task_Rectify"), null, false, Instant.now()),
                        WorkflowEngine.TaskOrder.DUE, false, 0, 500).tasks().stream()
                .filter(t -> t.elementId().equals("Task_Rectify") && t.projectId().equals(id)).toList();
        assertThat(rectify).hasSize(1);
        assertThat(rectify.get(0).due()).isEqualTo(deadline);

        // The inspection and its photos are documents, anchored.
        String recordId = recorded.json().path("inspection").path("recordDocumentId").asText();
        List<String> photoIds = new ArrayList<>();
        recorded.json().path("photoDocumentIds").forEach(n -> photoIds.add(n.asText()));
        sweeper.sweep();
        DocumentRecord anchored = (DocumentRecord) ledger.findById(recordId).orElseThrow().record();
        Document record = documentRepository.find(recordId).orElseThrow();
        assertThat(anchored.sha256()).isEqualTo(record.file().sha256());
        assertThat(anchored.documentType()).isEqualTo("INSPECTION_RECORD");
        JsonNode feature = JSON.readTree(documents.open(record, null).readAllBytes());
        assertThat(feature.path("properties").path("finding").asText()).isEqualTo("OCCUPATION");
        assertThat(feature.path("properties").path("photos").get(1).path("sha256").asText())
                .isEqualTo(documentRepository.find(photoIds.get(1)).orElseThrow().file().sha256());
        assertThat(((DocumentRecord) ledger.findById(photoIds.get(1)).orElseThrow().record()).sha256())
                .isEqualTo(cn.landreserve.documents.Digests.of(outside).sha256Hex());

        JsonNode timeline = as("auditor").get("/api/projects/" + id + "/timeline").json();
        List<String> types = new ArrayList<>();
        timeline.forEach(item -> types.add(item.path("documentType").asText()));
        assertThat(types).contains("INSPECTION_RECORD", "INSPECTION_PHOTO");
        JsonNode audit = as("auditor").get("/api/audit/projects/" + id).json();
        for (String evidence : List.of(recordId, photoIds.get(0))) {
            assertThat(audit.path("items")).anySatisfy(item -> {
                assertThat(item.path("evidenceId").asText()).isEqualTo(evidence);
                assertThat(item.path("status").asText()).isEqualTo("OK");
            });
        }
        Response receipt = as("auditor").get("/api/evidence/" + recordId + "/receipt");
        assertThat(receipt.status()).isEqualTo(200);
        var verdict = ReceiptVerifier.pinning(Certificates.parsePem(as("auditor").get("/api/audit/trust-bundle").text()))
                .verify(receipt.text(), new ReceiptVerifier.FileDigests(record.file().sha256(), record.file().sm3()));
        assertThat(verdict.trusted()).as(verdict.line()).isTrue();

        // The agency rectifies: the decision is anchored and the rectification closed.
        Response done = as("applicant").postJson("/api/tasks/" + rectify.get(0).id() + "/complete",
                "{\"outcome\":\"RECTIFIED\",\"opinion\":\"临时建筑已拆除\"}");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        runJobs();
        JsonNode due = as("approver").get("/api/inspections/due").json();
        assertThat(due).anySatisfy(d -> {
            assertThat(d.path("projectId").asText()).isEqualTo(id);
            assertThat(d.path("rectifications").get(0).path("status").asText()).isEqualTo("DONE");
        });
    }

    @Test
    void a_normal_inspection_opens_nothing_and_only_inspectors_record_inspections() throws Exception {
        String id = stored.id().value();
        Instant at = Instant.now().minus(5, ChronoUnit.MINUTES);
        Response normal = as("inspector").post("/api/projects/" + id + "/inspections", "multipart/form-data; boundary="
                + BOUNDARY, form(List.of("finding", "NORMAL", "inspectedAt", at.toString()), List.of()));
        assertThat(normal.status()).as(normal.text()).isEqualTo(201);
        assertThat(normal.json().path("rectificationId").isNull()).isTrue();

        Response applicant = as("applicant").post("/api/projects/" + id + "/inspections", "multipart/form-data; boundary="
                + BOUNDARY, form(List.of("finding", "NORMAL", "inspectedAt", at.toString()), List.of()));
        assertThat(applicant.status()).isEqualTo(403);
        Response unknown = as("inspector").post("/api/projects/" + id + "/inspections", "multipart/form-data; boundary="
                + BOUNDARY, form(List.of("finding", "FLOOD", "inspectedAt", at.toString()), List.of()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("code").asText()).isEqualTo("UNKNOWN_FINDING");
        Response notAPhoto = as("inspector").post("/api/projects/" + id + "/inspections", "multipart/form-data; boundary="
                + BOUNDARY, form(List.of("finding", "DUMPING", "inspectedAt", at.toString()),
                        List.of("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))));
        assertThat(notAPhoto.status()).isEqualTo(415);
        assertThat(notAPhoto.json().path("code").asText()).isEqualTo("PHOTO_TYPE_NOT_ALLOWED");

        Project early = openProject("尚未入库项目", false);
        Response notStored = as("inspector").post("/api/projects/" + early.id().value() + "/inspections",
                "multipart/form-data; boundary=" + BOUNDARY,
                form(List.of("finding", "NORMAL", "inspectedAt", at.toString()), List.of()));
        assertThat(notStored.status()).isEqualTo(409);
        assertThat(notStored.json().path("code").asText()).isEqualTo("NOT_IN_RESERVE");
    }

    @Test
    void a_missed_inspection_cycle_is_escalated_once() {
        String id = stored.id().value();
        Instant later = Instant.now().plus(Duration.ofDays(45));
        assertThat(cycle.escalateMissed(later)).isGreaterThanOrEqualTo(1);
        assertThat(cycle.escalateMissed(later)).isZero();
        JsonNode due = as("inspector").get("/api/inspections/due").json();
        assertThat(due).anySatisfy(d -> {
            assertThat(d.path("projectId").asText()).isEqualTo(id);
            assertThat(d.path("escalations")).hasSize(1);
        });
    }

    private static byte[] form(List<String> fields, List<byte[]> photos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.size(); i += 2) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fields.get(i)
                    + "\"\r\n\r\n" + fields.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < photos.size(); i++) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"IMG_"
                    + i + ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(photos.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
