package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.parcel.GeoJsonFixtures.collection;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.feature;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.polygon;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.ring;
import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.evidence.EvidenceAnchoring;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.LifecycleSteps;
import cn.landreserve.workflow.support.RunningServiceTest;
import cn.landreserve.workflow.task.DecisionRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Parcels through the API: validated, their digest in the anchored project facts, a change a new version; the red
 * line imported and anchored; the ecology review refused without an opinion when the overlap passes the threshold,
 * and the overlap report (inputs and result) anchored with the decision, in the timeline, the audit and a receipt.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ParcelsAndRedLineApiTest extends RunningServiceTest {

    static final String ZONE_39 = "EPSG:4527";
    static final double E = 39_500_000;
    static final double N = 4_100_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired EvidenceLedger ledger;
    @Autowired EvidenceAnchoring anchoring;
    @Autowired LifecycleCatalogue catalogue;
    @Autowired ProjectRepository projects;
    @Autowired DocumentRepository documentRepository;
    @Autowired DecisionRepository decisions;

    private String body(String geojson, String reason) {
        return "{\"geojson\":" + geojson + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    @Test
    void parcels_are_validated_and_their_digest_is_anchored_in_a_new_version_of_the_facts() throws Exception {
        Project p = openProject("地块项目", false); // declared 500.00 m²
        String id = p.id().value();
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[" + E + "," + N + "],[" + (E + 20) + "," + (N + 20) + "],["
                + (E + 20) + "," + N + "],[" + E + "," + (N + 20) + "],[" + E + "," + N + "]]]}";

        Response invalid = as("applicant").putJson("/api/projects/" + id + "/parcels",
                body(collection(ZONE_39, feature("A", bowTie)), "边界"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("code").asText()).isEqualTo("GEOMETRY_INVALID");
        assertThat(invalid.json().path("details").path("feature").asInt()).isZero();
        assertThat(projectService.versions(id)).hasSize(1);

        Response noReason = as("applicant").putJson("/api/projects/" + id + "/parcels",
                body(collection(ZONE_39, feature("A", polygon(ring(E, N, E + 20, N + 25)))), null));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(projectService.versions(id)).hasSize(1);

        String parcels = collection(ZONE_39, feature("A", polygon(ring(E, N, E + 20, N + 25))));
        Response given = as("applicant").putJson("/api/projects/" + id + "/parcels", body(parcels, "勘测定界"));
        assertThat(given.status()).as(given.text()).isEqualTo(200);
        String sha = Boundaries.read(JSON.readTree(parcels)).sha256();
        assertThat(given.json().path("geometrySha256").asText()).isEqualTo(sha);
        assertThat(given.json().path("totalSquareMeters").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(given.json().path("areaMismatch").asBoolean()).isFalse();
        assertThat(given.json().path("factsVersion").asInt()).isEqualTo(2);

        anchoring.anchorPending(new ProjectId(id));
        var facts = ledger.projectFacts(id).orElseThrow();
        assertThat(((cn.landreserve.chaincode.ProjectRecord) facts.record()).geometrySha256()).isEqualTo(sha);
        assertThat(((cn.landreserve.chaincode.ProjectRecord) facts.record()).version()).isEqualTo(2);

        // Larger parcels: a new version naming the one before; 600 m² against 500 declared is flagged (tolerance 5%).
        Response larger = as("applicant").putJson("/api/projects/" + id + "/parcels",
                body(collection(ZONE_39, feature("A", polygon(ring(E, N, E + 20, N + 30)))), "补测"));
        assertThat(larger.status()).isEqualTo(200);
        assertThat(larger.json().path("areaMismatch").asBoolean()).isTrue();
        assertThat(larger.json().path("differenceShare").decimalValue()).isEqualByComparingTo("0.2");
        var versions = projectService.versions(id);
        assertThat(versions).hasSize(3);
        assertThat(versions.get(2).previousId()).isEqualTo(versions.get(1).id());
        assertThat(versions.get(2).geometrySha256()).isEqualTo(larger.json().path("geometrySha256").asText());

        Response reviewer = as("reviewer-eco").putJson("/api/projects/" + id + "/parcels", body(parcels, "x"));
        assertThat(reviewer.status()).isEqualTo(403);
        assertThat(as("inspector").get("/api/projects/" + id + "/parcels").status()).isEqualTo(200);
        assertThat(as("operator").get("/api/projects/" + id + "/parcels").status()).isEqualTo(403);
    }

    @Test
    void an_overlap_beyond_the_threshold_needs_an_opinion_and_its_report_is_anchored_with_the_ecology_decision()
            throws Exception {
        // Red line: the eastern half of the parcel's square and beyond (given in the same zone).
        String redLine = collection(ZONE_39, feature("生态保护红线", polygon(ring(E + 10, N - 100, E + 500, N + 500))));
        Response imported = as("operator").postJson("/api/red-line", "{\"geojson\":" + redLine + "}");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String redLineId = imported.json().path("id").asText();
        DocumentRecord anchoredLine = (DocumentRecord) ledger.findById(redLineId).orElseThrow().record();
        assertThat(anchoredLine.sha256()).isEqualTo(Boundaries.read(JSON.readTree(redLine)).sha256());
        assertThat(anchoredLine.projectId()).isEqualTo(RedLineVersion.LEDGER_PROJECT);
        assertThat(anchoredLine.version()).isEqualTo(imported.json().path("version").asInt());
        assertThat(as("applicant").postJson("/api/red-line", "{\"geojson\":" + redLine + "}").status()).isEqualTo(403);
        Response again = as("operator").postJson("/api/red-line", "{\"geojson\":" + redLine + "}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("RED_LINE_UNCHANGED");

        Project p = projectService.open(new Project.NewProject("红线叠加项目", "测试区", new java.math.BigDecimal("400.00"),
                false, null), user("applicant"));
        String id = p.id().value();
        String parcels = collection(ZONE_39, feature("一号地块", polygon(ring(E, N, E + 20, N + 20))));
        assertThat(as("applicant").putJson("/api/projects/" + id + "/parcels", body(parcels, "勘测定界")).status())
                .isEqualTo(200);
        LifecycleSteps steps = new LifecycleSteps(catalogue, projects, documentRepository, documents, tasks, engine,
                management);
        steps.step(p, "Task_PrepareInitiation", user("applicant"), "SUBMIT", "");

        Response overlap = as("reviewer-eco").get("/api/projects/" + id + "/red-line-overlap");
        assertThat(overlap.status()).isEqualTo(200);
        JsonNode first = overlap.json().path("parcels").get(0);
        assertThat(first.path("parcel").asText()).isEqualTo("一号地块");
        assertThat(first.path("overlapSquareMeters").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(first.path("share").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(overlap.json().path("opinionRequired").asBoolean()).isTrue();
        assertThat(overlap.json().path("redLineEvidenceId").asText()).isEqualTo(redLineId);
        Response map = as("reviewer-eco").get("/api/projects/" + id + "/red-line-overlap/map");
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.json().path("features").get(0).path("properties").path("share").decimalValue())
                .isEqualByComparingTo("0.5");

        // The cockpit counts it among the projects overlapping the red line, and its figure lists exactly those.
        JsonNode cockpit = as("approver").get("/api/cockpit").json().path("redLine");
        assertThat(cockpit.path("available").asBoolean()).isTrue();
        assertThat(cockpit.path("version").asInt()).isEqualTo(imported.json().path("version").asInt());
        JsonNode listed = as("approver").get("/api/register?limit=500&" + cockpit.at("/overlapping/projects").asText()).json();
        assertThat(listed.path("total").asLong()).isEqualTo(cockpit.at("/overlapping/count").asLong());
        List<String> overlapping = new ArrayList<>();
        listed.path("rows").forEach(r -> overlapping.add(r.path("projectId").asText()));
        assertThat(overlapping).contains(id);
        assertThat(cockpit.path("overlapSquareMeters").decimalValue()).isGreaterThanOrEqualTo(new java.math.BigDecimal("200.00"));
        JsonNode withParcels = as("approver").get("/api/register?limit=500&" + cockpit.at("/withParcels/projects").asText()).json();
        assertThat(withParcels.path("total").asLong()).isEqualTo(cockpit.at("/withParcels/count").asLong())
                .isGreaterThanOrEqualTo(cockpit.at("/overlapping/count").asLong());

        String task = openTask(p, "Task_ReviewEcology");
        Response silent = as("reviewer-eco").postJson("/api/tasks/" + task + "/complete", "{\"outcome\":\"APPROVE\",\"opinion\":\"\"}");
        assertThat(silent.status()).isEqualTo(422);
        assertThat(silent.json().path("code").asText()).isEqualTo("OVERLAP_NEEDS_OPINION");
        assertThat(decisions.byTask(task)).isEmpty();
        assertThat(documentRepository.ofProject(id)).noneMatch(d -> d.documentType().equals(RedLineOverlap.REPORT_TYPE));

        Response decided = as("reviewer-eco").postJson("/api/tasks/" + task + "/complete",
                "{\"outcome\":\"RETURN\",\"opinion\":\"一号地块一半位于生态保护红线内，请调整边界。\"}");
        assertThat(decided.status()).as(decided.text()).isEqualTo(200);
        var report = documentRepository.ofProject(id).stream()
                .filter(d -> d.documentType().equals(RedLineOverlap.REPORT_TYPE)).findFirst().orElseThrow();
        assertThat(report.taskId()).isEqualTo(task);
        JsonNode reportJson = JSON.readTree(documents.open(report, null).readAllBytes());
        assertThat(reportJson.path("report").path("geometrySha256").asText())
                .isEqualTo(Boundaries.read(JSON.readTree(parcels)).sha256());
        assertThat(reportJson.path("report").path("redLineEvidenceId").asText()).isEqualTo(redLineId);
        assertThat(reportJson.path("features").get(0).path("properties").path("overlapSquareMeters").decimalValue())
                .isEqualByComparingTo("200.00");

        runJobs();
        DecisionRecord decision = (DecisionRecord) ledger.findById(decisions.byTask(task).orElseThrow().id())
                .orElseThrow().record();
        assertThat(decision.reliedOn()).contains(report.id());
        DocumentRecord anchoredReport = (DocumentRecord) ledger.findById(report.id()).orElseThrow().record();
        assertThat(anchoredReport.sha256()).isEqualTo(report.file().sha256());

        JsonNode timeline = as("auditor").get("/api/projects/" + id + "/timeline").json();
        List<String> types = new ArrayList<>();
        timeline.forEach(item -> types.add(item.path("documentType").asText()));
        assertThat(types).contains(RedLineOverlap.REPORT_TYPE);
        JsonNode audit = as("auditor").get("/api/audit/projects/" + id).json();
        assertThat(audit.path("items")).anySatisfy(item -> {
            assertThat(item.path("evidenceId").asText()).isEqualTo(report.id());
            assertThat(item.path("status").asText()).isEqualTo("OK");
        });
        Response receipt = as("auditor").get("/api/evidence/" + report.id() + "/receipt");
        assertThat(receipt.status()).isEqualTo(200);
        String bundle = as("auditor").get("/api/audit/trust-bundle").text();
        var verdict = ReceiptVerifier.pinning(Certificates.parsePem(bundle)).verify(receipt.text(),
                new ReceiptVerifier.FileDigests(report.file().sha256(), report.file().sm3()));
        assertThat(verdict.trusted()).as(verdict.line()).isTrue();
    }

    @Test
    void a_red_line_import_that_is_not_valid_geojson_is_refused_and_nothing_is_imported() {
        int before = as("operator").get("/api/red-line/versions").json().size();
        Response refused = as("operator").postJson("/api/red-line", "{\"geojson\":" + collection("EPSG:4490",
                feature("x", "{\"type\":\"Polygon\",\"coordinates\":[[[117,36],[117.01,36],[117.01,36.01]]]}")) + "}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asText()).isEqualTo("RING_TOO_SHORT");
        assertThat(as("operator").get("/api/red-line/versions").json().size()).isEqualTo(before);
    }
}
