package cn.landreserve.workflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.documents.EmbeddedS3Server;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.support.RunningServiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Change a stored object's bytes, change a database record, delete an object, alter the database's copy of an
 * anchoring: the project audit reports exactly those items, each with its status, and every other item OK.
 */
class TamperDetectionTest extends RunningServiceTest {

    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedS3Server s3;
    @Autowired Auditor auditor;

    /** A project whose initiation was submitted with its three documents, all anchored with the decision. */
    private record Submitted(Project project, Document plan, Document survey, Document budget, Decision submit) {}

    private Submitted submittedInitiation(String name, String opinion) throws Exception {
        Project p = openProject(name, false);
        String prepare = openTask(p, "Task_PrepareInitiation");
        Document plan = upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "INTERNAL", pdf("plan " + p.id()));
        Document survey = upload(prepare, "applicant", "SITE_TITLE_SURVEY", "INTERNAL", pdf("survey " + p.id()));
        Document budget = upload(prepare, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("budget " + p.id()));
        Decision submit = tasks.complete(prepare, user("applicant"), "SUBMIT", opinion);
        runJobs();
        return new Submitted(p, plan, survey, budget, submit);
    }

    @Test
    void the_project_audit_reports_exactly_the_tampered_items_with_their_status() throws Exception {
        Submitted initiation = submittedInitiation("篡改检测项目", "请审查");
        Project p = initiation.project();
        Document plan = initiation.plan();
        Document survey = initiation.survey();
        Document budget = initiation.budget();
        Decision submit = initiation.submit();
        var review = tasks.complete(openTask(p, "Task_ReviewFinance"), user("reviewer-fin"), "APPROVE", "同意");
        runJobs();
        // uploaded to a review that is still open: recorded, not yet anchored
        Document opinion = upload(openTask(p, "Task_ReviewEcology"), "reviewer-eco", "DEPARTMENT_OPINION", "INTERNAL",
                pdf("opinion " + p.id()));

        assertThat(auditor.audit(p).items()).extracting(AuditItem::status)
                .containsOnly(AuditStatus.OK, AuditStatus.NOT_ANCHORED);

        flipOneByte(blobOf(plan));                                                     // object bytes changed
        jdbc.sql("update reserve.document set size_bytes = size_bytes + 1 where id = :id")
                .param("id", survey.id()).update();                                    // database record changed
        Files.delete(blobOf(budget));                                                  // object deleted
        jdbc.sql("update reserve.decision set tx_id = :tx where id = :id")
                .param("tx", "0".repeat(64)).param("id", review.id()).update();        // anchoring copy altered

        Map<String, AuditItem> items = auditor.audit(p).items().stream()
                .collect(Collectors.toMap(AuditItem::evidenceId, i -> i));
        assertThat(items.get(plan.id()).status()).isEqualTo(AuditStatus.OBJECT_CHANGED);
        assertThat(items.get(plan.id()).detail()).contains(plan.file().sha256()).contains(plan.file().objectKey());
        assertThat(items.get(survey.id()).status()).isEqualTo(AuditStatus.RECORD_CHANGED);
        assertThat(items.get(survey.id()).detail()).contains("size ledger=" + survey.file().size())
                .contains("database=" + (survey.file().size() + 1));
        assertThat(items.get(budget.id()).status()).isEqualTo(AuditStatus.MISSING);
        assertThat(items.get(review.id()).status()).isEqualTo(AuditStatus.LEDGER_MISMATCH);
        assertThat(items.get(opinion.id()).status()).isEqualTo(AuditStatus.NOT_ANCHORED);
        assertThat(items.get(submit.id()).status()).isEqualTo(AuditStatus.OK);
        assertThat(items.get(p.id().value()).status()).as("the project's facts").isEqualTo(AuditStatus.OK);
        assertThat(items).as("the facts, their one version, four documents, two decisions").hasSize(8);

        // the same through the auditor's API, and never for anyone else
        var api = as("auditor").get("/api/audit/projects/" + p.id().value());
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json().get("allOk").asBoolean()).isFalse();
        assertThat(api.json().at("/summary/OBJECT_CHANGED").asInt()).isEqualTo(1);
        assertThat(as("approver").get("/api/audit/projects/" + p.id().value()).status()).isEqualTo(403);
    }

    @Test
    void verify_by_id_answers_from_the_ledger_and_the_stored_bytes_on_every_request() throws Exception {
        Submitted initiation = submittedInitiation("逐件核验项目", "请审查");
        Document plan = initiation.plan();
        Document survey = initiation.survey();
        String planUrl = "/api/audit/documents/" + plan.id() + "/verify";
        String surveyUrl = "/api/audit/documents/" + survey.id() + "/verify";

        // asked twice: the ledger's record is kept after the first read, the answer stays OK
        for (int i = 0; i < 2; i++) {
            var ok = as("auditor").get(planUrl);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("status").asText()).isEqualTo("OK");
            assertThat(as("auditor").get(surveyUrl).json().get("status").asText()).isEqualTo("OK");
        }

        // what changes after the first read is still seen at once: the bytes are re-read, the record re-compared
        flipOneByte(blobOf(plan));
        jdbc.sql("update reserve.document set size_bytes = size_bytes + 1 where id = :id")
                .param("id", survey.id()).update();
        var changed = as("auditor").get(planUrl);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("status").asText()).isEqualTo("OBJECT_CHANGED");
        var record = as("auditor").get(surveyUrl);
        assertThat(record.json().get("status").asText()).isEqualTo("RECORD_CHANGED");
        assertThat(record.json().get("detail").asText()).contains("size ledger=" + survey.file().size());
        assertThat(as("approver").get(planUrl).status()).isEqualTo(403);
    }

    @Test
    void an_edited_opinion_text_is_reported_as_a_changed_record() throws Exception {
        Submitted initiation = submittedInitiation("意见篡改项目", "原始意见");
        Project p = initiation.project();
        Decision decision = initiation.submit();
        jdbc.sql("update reserve.decision set opinion = '篡改后的意见' where id = :id").param("id", decision.id()).update();

        AuditItem item = auditor.audit(p).items().stream().filter(i -> i.evidenceId().equals(decision.id()))
                .findFirst().orElseThrow();
        assertThat(item.status()).isEqualTo(AuditStatus.RECORD_CHANGED);
        assertThat(item.detail()).contains(decision.opinionSha256());
    }

    /** The embedded S3 server's file holding a document's bytes. */
    private Path blobOf(Document d) throws Exception {
        byte[] expected = documents.open(d, null).readAllBytes();
        try (Stream<Path> files = Files.walk(s3.blobDirectory())) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.size(f) == expected.length && Arrays.equals(Files.readAllBytes(f), expected);
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no blob for " + d.id()));
        }
    }

    private static void flipOneByte(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }
}
