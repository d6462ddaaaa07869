package cn.landreserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Walks one project from creation to a sealed archive through the REST API, acting as each role in turn, with the
 * same tasks, outcomes and documents as LifecycleApiTest (a former industrial site: 11 documents, 10 decisions,
 * one seal). Anchoring is asynchronous, so the next task is polled for.
 */
final class Driver {

    static final AtomicLong POLLS = new AtomicLong();
    /** GET /api/tasks answered 500 (a task completed by someone else while the list was being built): retried. */
    static final AtomicLong TASK_LIST_500 = new AtomicLong();
    static volatile long pollMillis = 25;

    /** One signed-in client per role. */
    record Roles(Api applicant, Api nr, Api eco, Api fin, Api approver, Api auditor) {}

    /** A PUBLIC document uploaded on the way: its id and SHA-256 (for the verification benchmark). */
    record Uploaded(String id, String sha256) {}

    static String awaitTask(Api user, String projectId, String element, long maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            POLLS.incrementAndGet();
            Api.Response list = user.get("/api/tasks?projectId=" + projectId);
            if (list.status() == 500) {
                TASK_LIST_500.incrementAndGet();
                Thread.sleep(pollMillis);
                continue;
            }
            for (JsonNode t : list.expect(200).json()) {
                if (t.at("/task/projectId").asText().equals(projectId) && t.at("/task/elementId").asText().equals(element)) {
                    return t.at("/task/id").asText();
                }
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException(element + " never reached " + user.user + "'s tasks for " + projectId);
    }

    static void awaitStatus(Api auditor, String projectId, String status, long maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            POLLS.incrementAndGet();
            if (auditor.get("/api/projects/" + projectId).expect(200).json().get("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException("project " + projectId + " never became " + status);
    }

    /** Returns the PUBLIC documents uploaded. */
    static List<Uploaded> walk(Roles r, int n) throws Exception {
        var publicDocs = new java.util.ArrayList<Uploaded>();
        String projectId = r.applicant().postJson("/api/projects", Map.of("name", "基准项目-" + n, "district", "基准区",
                "areaSquareMeters", 30210.75, "formerIndustrial", true)).expect(201).json()
                .get("id").asText();
        // the approver publishes it, so that its PUBLIC documents are verifiable by the public
        r.approver().postJson("/api/projects/" + projectId + "/publication",
                Map.of("published", true, "reason", "基准项目公示")).expect(200);
        String tag = projectId + "/";

        String prepare = awaitTask(r.applicant(), projectId, "Task_PrepareInitiation", 120);
        upload(r.applicant(), prepare, "IMPLEMENTATION_PLAN", "项目实施方案.pdf", Api.pdf(tag + "plan"), "PUBLIC", publicDocs);
        upload(r.applicant(), prepare, "SITE_TITLE_SURVEY", "权属调查.png", png(n), "SENSITIVE", publicDocs);
        upload(r.applicant(), prepare, "BUDGET_ESTIMATE", "资金测算.csv",
                ("项目,金额\n补偿费,12000000\n前期开发,3500000\n# " + tag + "\n").getBytes(StandardCharsets.UTF_8),
                "INTERNAL", publicDocs);
        complete(r.applicant(), prepare, "SUBMIT", "请予审查。");

        complete(r.nr(), awaitTask(r.nr(), projectId, "Task_ReviewNaturalResources", 120), "APPROVE", "符合规划。");
        complete(r.eco(), awaitTask(r.eco(), projectId, "Task_ReviewEcology", 120), "APPROVE", "同意。");
        complete(r.fin(), awaitTask(r.fin(), projectId, "Task_ReviewFinance", 120), "APPROVE", "资金落实。");

        String approve = awaitTask(r.approver(), projectId, "Task_ApproveInitiation", 120);
        upload(r.approver(), approve, "INITIATION_APPROVAL", "立项批复.pdf", Api.pdf(tag + "approval"), "PUBLIC", publicDocs);
        complete(r.approver(), approve, "APPROVE", "同意立项。");

        String acquire = awaitTask(r.applicant(), projectId, "Task_RecordAcquisition", 120);
        upload(r.applicant(), acquire, "COMPENSATION_AGREEMENT", "补偿协议.pdf", Api.pdf(tag + "agreement"), "SENSITIVE", publicDocs);
        upload(r.applicant(), acquire, "PAYMENT_PROOF", "支付凭证.pdf", Api.pdf(tag + "payment"), "INTERNAL", publicDocs);
        upload(r.applicant(), acquire, "TITLE_RECORD", "不动产登记.pdf", Api.pdf(tag + "title"), "INTERNAL", publicDocs);
        complete(r.applicant(), acquire, "SUBMIT", "");
        complete(r.fin(), awaitTask(r.fin(), projectId, "Task_ConfirmPayment", 120), "CONFIRM", "已支付。");

        String entry = awaitTask(r.nr(), projectId, "Task_ConfirmReserveEntry", 120);
        upload(r.nr(), entry, "RESERVE_ENTRY_CONFIRMATION", "入库确认书.pdf", Api.pdf(tag + "entry"), "PUBLIC", publicDocs);
        upload(r.nr(), entry, "SOIL_POLLUTION_SURVEY", "土壤调查.pdf", Api.pdf(tag + "soil"), "PUBLIC", publicDocs);
        complete(r.nr(), entry, "CONFIRM", "同意入库。");

        String site = awaitTask(r.applicant(), projectId, "Task_PrepareSite", 120);
        upload(r.applicant(), site, "CONSTRUCTION_CONTRACT", "施工合同.pdf", Api.pdf(tag + "contract"), "INTERNAL", publicDocs);
        complete(r.applicant(), site, "SUBMIT", "");
        String accept = awaitTask(r.approver(), projectId, "Task_AcceptCompletion", 120);
        upload(r.approver(), accept, "ACCEPTANCE_REPORT", "竣工验收报告.pdf", Api.pdf(tag + "acceptance"), "PUBLIC", publicDocs);
        complete(r.approver(), accept, "ACCEPT", "验收合格。");

        awaitStatus(r.auditor(), projectId, "ARCHIVED", 300);
        return publicDocs;
    }

    static void upload(Api user, String taskId, String type, String name, byte[] bytes, String classification,
            List<Uploaded> publicDocs) {
        JsonNode doc = user.upload("/api/tasks/" + taskId + "/documents", name, bytes,
                Map.of("documentType", type, "classification", classification)).expect(201).json();
        if (classification.equals("PUBLIC")) {
            publicDocs.add(new Uploaded(doc.get("id").asText(), doc.at("/file/sha256").asText()));
        }
    }

    static void complete(Api user, String taskId, String outcome, String opinion) {
        user.postJson("/api/tasks/" + taskId + "/complete", Map.of("outcome", outcome, "opinion", opinion)).expect(200);
    }

    static byte[] png(int n) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            image.setRGB(x, Math.floorMod(x + n, 48), 0x2a6f97);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
