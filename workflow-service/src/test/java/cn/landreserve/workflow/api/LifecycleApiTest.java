package cn.landreserve.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One project from creation to archive through the REST API alone, acting as each role in turn and uploading
 * real files; then every document and decision has a receipt that the offline verifier accepts, and the seal
 * covers them all. Bad requests along the way are refused with a clear 4xx and change nothing.
 */
class LifecycleApiTest {

    static final String PASSWORD = "api-test-pass";
    static ConfigurableApplicationContext service;
    static int port;
    static Path dataDir;
    static final Map<String, byte[]> UPLOADED = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("lifecycle-api");
        dataDir = data;
        service = TestService.start(data, "reserve.demo.password=" + PASSWORD, "reserve.demo.sample-projects=false",
                "reserve.workflow.anchor-retry-cycle=R3/PT1S", "camunda.bpm.job-execution.wait-time-in-millis=200",
                "camunda.bpm.job-execution.max-wait=500");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    static ApiClient as(String user) {
        return ApiClient.as(port, user, PASSWORD);
    }

    @Test
    void a_project_goes_from_creation_to_a_sealed_archive_and_every_piece_of_evidence_has_a_verifiable_receipt()
            throws Exception {
        Response created = as("applicant").postJson("/api/projects", Map.of("name", "北湖片区土地储备项目",
                "district", "北湖区", "areaSquareMeters", 30210.75, "formerIndustrial", true));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String projectId = created.json().get("id").asText();
        assertThat(created.json().get("published").asBoolean()).as("a new project is not public").isFalse();
        assertRefused(as("applicant").postJson("/api/projects/" + projectId + "/publication",
                Map.of("published", true, "reason", "公开")), 403, "ACCESS_DENIED");
        Response published = as("approver").postJson("/api/projects/" + projectId + "/publication",
                Map.of("published", true, "reason", "依法公开储备项目信息"));
        assertThat(published.status()).as(published.text()).isEqualTo(200);
        assertThat(published.json().get("published").asBoolean()).isTrue();

        // Bad input before anything happens: each refused, nothing recorded.
        String prepare = awaitTask("applicant", projectId, "Task_PrepareInitiation");
        assertRefused(as("applicant").postJson("/api/tasks/" + prepare + "/complete", Map.of("outcome", "SUBMIT")),
                422, "MISSING_DOCUMENTS");
        assertRefused(as("reviewer-fin").postJson("/api/tasks/" + prepare + "/complete", Map.of("outcome", "SUBMIT")),
                403, "NOT_YOUR_TASK");
        assertRefused(as("applicant").upload("/api/tasks/" + prepare + "/documents", "plan.pdf", pdf("x"),
                "documentType", "NO_SUCH_TYPE", "classification", "PUBLIC"), 400, "UNKNOWN_DOCUMENT_TYPE");
        assertRefused(as("applicant").upload("/api/tasks/" + prepare + "/documents", "plan.exe",
                new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}, "documentType", "IMPLEMENTATION_PLAN",
                "classification", "PUBLIC"), 415, "FILE_TYPE_NOT_ALLOWED");
        assertRefused(as("applicant").upload("/api/tasks/" + prepare + "/documents", "empty.pdf", new byte[0],
                "documentType", "IMPLEMENTATION_PLAN", "classification", "PUBLIC"), 400, "EMPTY_FILE");
        assertThat(timeline(projectId)).as("nothing recorded but the two versions of the project's facts")
                .extracting(item -> item.get("kind").asText()).containsExactly("PROJECT", "PROJECT");

        upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "项目实施方案.pdf", pdf("implementation plan"), "PUBLIC");
        upload(prepare, "applicant", "SITE_TITLE_SURVEY", "权属调查.png", png(), "SENSITIVE");
        upload(prepare, "applicant", "BUDGET_ESTIMATE", "资金测算.csv",
                "项目,金额\n补偿费,12000000\n前期开发,3500000\n".getBytes(StandardCharsets.UTF_8), "INTERNAL");
        complete(prepare, "applicant", "SUBMIT", "请予审查。");
        assertRefused(as("applicant").postJson("/api/tasks/" + prepare + "/complete", Map.of("outcome", "SUBMIT")),
                409, "TASK_ALREADY_COMPLETED");

        complete(awaitTask("reviewer-nr", projectId, "Task_ReviewNaturalResources"), "reviewer-nr", "APPROVE", "符合规划。");
        complete(awaitTask("reviewer-eco", projectId, "Task_ReviewEcology"), "reviewer-eco", "APPROVE", "同意。");
        complete(awaitTask("reviewer-fin", projectId, "Task_ReviewFinance"), "reviewer-fin", "APPROVE", "资金落实。");

        String approve = awaitTask("approver", projectId, "Task_ApproveInitiation");
        upload(approve, "approver", "INITIATION_APPROVAL", "立项批复.pdf", pdf("approval"), "PUBLIC");
        complete(approve, "approver", "APPROVE", "同意立项。");

        String acquire = awaitTask("applicant", projectId, "Task_RecordAcquisition");
        upload(acquire, "applicant", "COMPENSATION_AGREEMENT", "补偿协议.pdf", pdf("agreement"), "SENSITIVE");
        upload(acquire, "applicant", "PAYMENT_PROOF", "支付凭证.pdf", pdf("payment"), "INTERNAL");
        upload(acquire, "applicant", "TITLE_RECORD", "不动产登记.pdf", pdf("title"), "INTERNAL");
        complete(acquire, "applicant", "SUBMIT", "");
        complete(awaitTask("reviewer-fin", projectId, "Task_ConfirmPayment"), "reviewer-fin", "CONFIRM", "已支付。");

        String entry = awaitTask("reviewer-nr", projectId, "Task_ConfirmReserveEntry");
        upload(entry, "reviewer-nr", "RESERVE_ENTRY_CONFIRMATION", "入库确认书.pdf", pdf("entry"), "PUBLIC");
        assertRefused(as("reviewer-nr").postJson("/api/tasks/" + entry + "/complete", Map.of("outcome", "CONFIRM")),
                422, "MISSING_DOCUMENTS");
        upload(entry, "reviewer-nr", "SOIL_POLLUTION_SURVEY", "土壤调查.pdf", pdf("soil"), "PUBLIC");
        complete(entry, "reviewer-nr", "CONFIRM", "同意入库。");

        String site = awaitTask("applicant", projectId, "Task_PrepareSite");
        upload(site, "applicant", "CONSTRUCTION_CONTRACT", "施工合同.pdf", pdf("contract"), "INTERNAL");
        complete(site, "applicant", "SUBMIT", "");
        String accept = awaitTask("approver", projectId, "Task_AcceptCompletion");
        upload(accept, "approver", "ACCEPTANCE_REPORT", "竣工验收报告.pdf", pdf("acceptance"), "PUBLIC");
        complete(accept, "approver", "ACCEPT", "验收合格。");

        JsonNode project = awaitStatus(projectId, "ARCHIVED");
        assertThat(project.get("currentStage").asText()).isEqualTo("ARCHIVE");
        assertRefused(as("approver").postJson("/api/tasks/" + accept + "/complete", Map.of("outcome", "ACCEPT")),
                409, "TASK_ALREADY_COMPLETED");

        List<JsonNode> timeline = timeline(projectId);
        assertThat(timeline).as("2 versions of the facts, 11 documents, 10 decisions").hasSize(2 + 11 + 10);
        assertThat(timeline).allSatisfy(item -> assertThat(item.get("anchorState").asText()).isEqualTo("ANCHORED"));

        // the trust bundle as the service hands it to auditors: the embedded ledger's CA, as written into its data dir
        Response trust = as("auditor").get("/api/audit/trust-bundle");
        assertThat(trust.status()).isEqualTo(200);
        assertThat(trust.raw().headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
        String trustBundle = trust.text();
        assertThat(trustBundle).isEqualTo(java.nio.file.Files.readString(dataDir.resolve("ledger/trust-bundle.pem")))
                .isEqualTo(((cn.landreserve.ledger.embedded.EmbeddedLedger) service.getBean("evidenceLedger"))
                        .caCertificatePem());
        ReceiptCheck check = new ReceiptCheck(trustBundle);
        for (JsonNode item : timeline) {
            String id = item.get("evidenceId").asText();
            Response receipt = as("auditor").get("/api/evidence/" + id + "/receipt");
            assertThat(receipt.status()).as(receipt.text()).isEqualTo(200);
            check.verify(receipt.body(), UPLOADED.get(id));
        }
        Response seal = as("auditor").get("/api/evidence/seal:" + projectId + "/receipt");
        assertThat(seal.status()).as(seal.text()).isEqualTo(200);
        check.verify(seal.body(), null);
        Set<String> covered = check.sealCovers(seal.body(), timeline.stream().map(i -> i.get("evidenceId").asText()).toList());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                timeline.stream().map(i -> i.get("evidenceId").asText()).collect(Collectors.toSet()));

        Response bundle = as("auditor").get("/api/audit/projects/" + projectId + "/receipts");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.raw().headers().firstValue("Content-Type")).hasValue("application/zip");
        List<String> names = new java.util.ArrayList<>();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bundle.body()))) {
            for (var zipped = zip.getNextEntry(); zipped != null; zipped = zip.getNextEntry()) {
                names.add(zipped.getName());
                byte[] content = zip.readAllBytes();
                if (zipped.getName().equals("trust-bundle.pem")) {
                    assertThat(new String(content, StandardCharsets.US_ASCII)).isEqualTo(trustBundle);
                } else if (!zipped.getName().equals("manifest.json")) {
                    check.verify(content, UPLOADED.get(zipped.getName().replace(".receipt.json", "")));
                } else {
                    assertThat(new String(content, StandardCharsets.UTF_8)).contains("\"evidenceCount\":23");
                }
            }
        }
        assertThat(names).as("23 receipts, the seal's, the manifest, the trust bundle").hasSize(23 + 1 + 1 + 1)
                .contains("manifest.json", "trust-bundle.pem", "seal_" + projectId + ".receipt.json");

        JsonNode audit = as("auditor").get("/api/audit/projects/" + projectId).json();
        assertThat(audit.get("allOk").asBoolean()).as(audit.toString()).isTrue();
        assertThat(audit.get("items")).as("the facts, 2 versions of them, 11 documents, 10 decisions, the seal").hasSize(25);
    }

    @Test
    void the_api_is_described_with_openapi_for_anyone_to_read() {
        Response docs = ApiClient.anonymous(port).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/projects")).isTrue();
        assertThat(paths.has("/api/tasks/{taskId}/complete")).isTrue();
        assertThat(paths.has("/api/tasks/{taskId}/documents")).isTrue();
        assertThat(paths.has("/api/public/verify")).isTrue();
        assertThat(paths.has("/api/audit/projects/{projectId}")).isTrue();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static void assertRefused(Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static void upload(String taskId, String user, String type, String name, byte[] bytes, String classification) {
        Response r = as(user).upload("/api/tasks/" + taskId + "/documents", name, bytes, "documentType", type,
                "classification", classification);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().at("/file/originalName").asText()).isEqualTo(name);
        assertThat(r.json().at("/file/size").asLong()).isEqualTo(bytes.length);
        UPLOADED.put(r.json().get("id").asText(), bytes);
    }

    static void complete(String taskId, String user, String outcome, String opinion) {
        Response r = as(user).postJson("/api/tasks/" + taskId + "/complete", Map.of("outcome", outcome, "opinion", opinion));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("outcome").asText()).isEqualTo(outcome);
    }

    static String awaitTask(String user, String projectId, String element) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (JsonNode t : as(user).get("/api/tasks?projectId=" + projectId).json()) {
                if (t.at("/task/projectId").asText().equals(projectId) && t.at("/task/elementId").asText().equals(element)) {
                    return t.at("/task/id").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(element + " never reached " + user + "'s tasks");
    }

    static JsonNode awaitStatus(String projectId, String status) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonNode p = as("auditor").get("/api/projects/" + projectId).json();
            if (p.get("status").asText().equals(status)) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("project " + projectId + " never became " + status);
    }

    static List<JsonNode> timeline(String projectId) {
        Response r = as("auditor").get("/api/projects/" + projectId + "/timeline");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(r.json().spliterator(), false).toList();
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            image.setRGB(x, x % 48, 0x2a6f97);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
