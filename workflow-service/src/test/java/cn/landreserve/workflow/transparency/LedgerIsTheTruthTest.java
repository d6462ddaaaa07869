package cn.landreserve.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.TextDigests;
import cn.landreserve.ledger.fabric.GatewayDouble;
import cn.landreserve.workflow.audit.AuditItem;
import cn.landreserve.workflow.audit.AuditStatus;
import cn.landreserve.workflow.audit.Auditor;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.evidence.PendingDocumentSweeper;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.DemoUsers;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.Jobs;
import cn.landreserve.workflow.support.TestService;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.task.TaskWork;
import cn.landreserve.workflow.ui.TestFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An operator with database access edits what the service shows; on both engines (Fabric through the two-peer
 * gateway double) the public never reports what the ledger does not hold, the genuine file stays verified, and the
 * audit names the item and the field. The ledger is the source of truth; the database an index.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class LedgerIsTheTruthTest {

    static final String PASSWORD = "ledger-truth-pass";

    /**
     * One running service on one engine, and what a test needs of it. Not AutoCloseable: JUnit closes such
     * arguments after each invocation, and the services live for the whole class.
     */
    static final class Engine {
        final String name;
        final ConfigurableApplicationContext context;
        final GatewayDouble gateway;
        final int port;

        Engine(String name, ConfigurableApplicationContext context, GatewayDouble gateway) {
            this.name = name;
            this.context = context;
            this.gateway = gateway;
            this.port = Integer.parseInt(context.getBean(Environment.class).getProperty("local.server.port"));
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        JdbcClient jdbc() {
            return bean(JdbcClient.class);
        }

        ApiClient as(String user) {
            return ApiClient.as(port, user, PASSWORD);
        }

        ApiClient anonymous() {
            return ApiClient.anonymous(port);
        }

        void runJobs() {
            new Jobs(bean(ManagementService.class)).runAll();
            bean(PendingDocumentSweeper.class).sweep();
        }

        @Override
        public String toString() {
            return name;
        }

        void stop() {
            context.close();
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    private final List<Engine> engines = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        Path root = Files.createTempDirectory("ledger-truth");
        String[] common = {"camunda.bpm.job-execution.enabled=false", "reserve.demo.password=" + PASSWORD,
                "reserve.demo.sample-projects=false", "reserve.workflow.anchor-retry-cycle=R3/PT0S",
                "reserve.workflow.document-anchor-interval=PT24H", "reserve.workflow.anchor-recovery-interval=PT24H",
                "reserve.access-log.anchor-interval=PT24H"};
        engines.add(new Engine("embedded", TestService.start(root.resolve("embedded"), common), null));
        GatewayDouble gateway = GatewayDouble.start(Files.createDirectories(root.resolve("gateway")));
        String[] fabric = Stream.concat(Stream.of(common), Stream.of("reserve.ledger.mode=fabric",
                "reserve.ledger.fabric.connection-file=" + gateway.connectionFile(),
                "reserve.ledger.fabric.retry-backoff=10ms")).toArray(String[]::new);
        engines.add(new Engine("fabric", TestService.start(root.resolve("fabric"), fabric), gateway));
    }

    @AfterAll
    void stop() {
        engines.forEach(Engine::stop);
    }

    Stream<Engine> engines() {
        return engines.stream();
    }

    static Actor user(String name) {
        return DemoUsers.USERS.stream().filter(a -> a.username().equals(name)).findFirst().orElseThrow();
    }

    /** A published project whose initiation was submitted: three anchored documents (one PUBLIC) and a decision. */
    record Fixture(Project project, Document plan, Document survey, Document budget, Decision submit, byte[] planBytes) {}

    static Fixture fixture(Engine e, String name) throws Exception {
        ProjectService projects = e.bean(ProjectService.class);
        Project p = projects.open(new NewProject(name, "北湖区", new BigDecimal("30210.75"), false, null),
                user("applicant"));
        projects.publish(p.id().value(), true, "依法公开", user("approver"));
        String prepare = e.bean(WorkflowEngine.class).tasksOfProject(p.processInstanceId()).get(0).id();
        byte[] planBytes = TestFiles.pdf("plan of " + p.id() + " on " + e.name, 0);
        Document plan = upload(e, prepare, "IMPLEMENTATION_PLAN", "PUBLIC", "实施方案-张三.pdf", planBytes);
        Document survey = upload(e, prepare, "SITE_TITLE_SURVEY", "SENSITIVE", "权属调查.pdf",
                TestFiles.pdf("survey of " + p.id() + " on " + e.name, 0));
        Document budget = upload(e, prepare, "BUDGET_ESTIMATE", "INTERNAL", "资金测算.pdf",
                TestFiles.pdf("budget of " + p.id() + " on " + e.name, 0));
        Decision submit = e.bean(TaskWork.class).complete(prepare, user("applicant"), "SUBMIT", "请审查");
        e.runJobs();
        return new Fixture(projects.require(p.id().value()), plan, survey, budget, submit, planBytes);
    }

    static Document upload(Engine e, String task, String type, String classification, String name, byte[] bytes)
            throws Exception {
        return e.bean(DocumentService.class).upload(task, user("applicant"), new Upload(type, classification, null, name,
                bytes.length), new ByteArrayInputStream(bytes));
    }

    static Map<String, AuditItem> audit(Engine e, Fixture f) throws Exception {
        return e.bean(Auditor.class).audit(e.bean(ProjectService.class).require(f.project().id().value())).items()
                .stream().collect(Collectors.toMap(AuditItem::evidenceId, Function.identity()));
    }

    static JsonNode verify(Engine e, String algorithm, String hex) {
        ApiClient.Response r = e.anonymous().get("/api/public/verify?" + algorithm + "=" + hex);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void a_clean_project_verifies_publicly_by_either_digest_and_audits_ok(Engine e) throws Exception {
        Fixture f = fixture(e, "一致性基线项目-" + e.name);

        for (String[] q : new String[][] {{"sha256", f.plan().file().sha256()}, {"sm3", f.plan().file().sm3()},
                {"sha256", f.plan().file().sha256().toUpperCase()}}) {
            JsonNode answer = verify(e, q[0], q[1]);
            assertThat(answer.get("verified").asBoolean()).as(String.join("=", q)).isTrue();
            assertThat(answer.get("matches")).hasSize(1);
            JsonNode match = answer.get("matches").get(0);
            assertThat(match.get("evidenceId").asText()).isEqualTo(f.plan().id());
            assertThat(match.get("sha256").asText()).isEqualTo(TestFiles.sha256(f.planBytes()));
            assertThat(match.get("txId").asText()).isEqualTo(e.jdbc().sql(
                    "select tx_id from reserve.document where id = :id").param("id", f.plan().id()).query(String.class).single());
            assertThat(match.get("projectCode").asText()).isEqualTo(f.project().code());
        }
        assertThat(audit(e, f).values()).extracting(AuditItem::status).containsOnly(AuditStatus.OK);
        // the SENSITIVE survey is not public by any path
        assertThat(verify(e, "sha256", f.survey().file().sha256()).get("verified").asBoolean()).isFalse();
        assertThat(e.anonymous().get("/api/public/evidence/" + f.survey().id()).status()).isEqualTo(404);
        assertThat(e.anonymous().get("/api/public/verify?sha256=" + f.plan().file().sha256() + "&sm3="
                + f.plan().file().sm3()).status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void a_changed_document_digest_verifies_no_forgery_and_the_genuine_file_stays_verified(Engine e) throws Exception {
        Fixture f = fixture(e, "摘要篡改项目-" + e.name);
        byte[] forged = TestFiles.pdf("forged plan " + f.project().id(), 0);
        String forgedSha = TestFiles.sha256(forged);
        String forgedSm3 = "ab".repeat(32);
        e.jdbc().sql("update reserve.document set sha256 = :sha, sm3 = :sm3 where id = :id")
                .param("sha", forgedSha).param("sm3", forgedSm3).param("id", f.plan().id()).update();

        assertThat(verify(e, "sha256", forgedSha).get("verified").asBoolean()).isFalse();
        assertThat(verify(e, "sm3", forgedSm3).get("verified").asBoolean()).isFalse();
        assertThat(verify(e, "sha256", f.plan().file().sha256()).get("verified").asBoolean()).isTrue();
        assertThat(verify(e, "sm3", f.plan().file().sm3()).get("verified").asBoolean()).isTrue();
        assertThat(e.anonymous().get("/api/public/evidence/" + f.plan().id()).json().get("sha256").asText())
                .isEqualTo(f.plan().file().sha256());

        AuditItem item = audit(e, f).get(f.plan().id());
        assertThat(item.status()).isEqualTo(AuditStatus.RECORD_CHANGED);
        assertThat(item.detail()).contains("sha256").contains("sm3");
        // the auditor's own copy of the genuine file is verified by the ledger, the forged one is not
        assertThat(verifyFile(e, f.planBytes()).get("verified").asBoolean()).isTrue();
        assertThat(verifyFile(e, forged).get("verified").asBoolean()).isFalse();
        assertThat(verifyFile(e, forged).get("notOnLedger")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void a_classification_raised_to_PUBLIC_in_the_database_publishes_nothing(Engine e) throws Exception {
        Fixture f = fixture(e, "密级篡改项目-" + e.name);
        e.jdbc().sql("update reserve.document set classification = 'PUBLIC' where id = :id")
                .param("id", f.survey().id()).update();

        assertThat(verify(e, "sha256", f.survey().file().sha256()).get("verified").asBoolean()).isFalse();
        assertThat(e.anonymous().get("/api/public/evidence/" + f.survey().id()).status()).isEqualTo(404);
        assertThat(e.anonymous().get("/api/public/evidence/" + f.survey().id() + "/qr.png").status()).isEqualTo(404);
        JsonNode page = e.anonymous().get("/api/public/projects/" + f.project().id().value()).json();
        assertThat(page.get("evidence").findValuesAsText("evidenceId")).doesNotContain(f.survey().id())
                .contains(f.plan().id());
        AuditItem item = audit(e, f).get(f.survey().id());
        assertThat(item.status()).isEqualTo(AuditStatus.RECORD_CHANGED);
        assertThat(item.detail()).contains("classification");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void a_classification_lowered_in_the_database_opens_no_sensitive_file(Engine e) throws Exception {
        Fixture f = fixture(e, "密级降低项目-" + e.name);
        String content = "/api/documents/" + f.survey().id() + "/content";
        assertThat(e.as("reviewer-nr").get(content).status()).isEqualTo(403);
        e.jdbc().sql("update reserve.document set classification = 'INTERNAL' where id = :id")
                .param("id", f.survey().id()).update();

        ApiClient.Response refused = e.as("reviewer-nr").get(content);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("CLASSIFIED");
        assertThat(e.as("reviewer-nr").get("/api/evidence/" + f.survey().id() + "/receipt").status()).isEqualTo(403);
        assertThat(e.as("applicant").get(content).status()).isEqualTo(200);
        assertThat(audit(e, f).get(f.survey().id()).detail()).contains("classification");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void a_row_inserted_with_a_copied_transaction_id_is_never_verified(Engine e) throws Exception {
        Fixture f = fixture(e, "复制交易项目-" + e.name);
        byte[] forged = TestFiles.pdf("inserted forgery " + f.project().id(), 0);
        String forgedSha = TestFiles.sha256(forged);
        e.jdbc().sql("""
                insert into reserve.document (id, project_id, stage, document_type, version, task_id, object_key,
                  original_name, media_type, size_bytes, sha256, sm3, classification, uploaded_by, uploaded_at,
                  anchor_state, tx_id, block_number, anchored_at)
                select 'doc-' || md5(random()::text), project_id, stage, 'SOCIAL_STABILITY_RISK', 1, task_id,
                  object_key || '-copy', original_name, media_type, size_bytes, :sha, sm3, 'PUBLIC', uploaded_by,
                  uploaded_at, 'ANCHORED', tx_id, block_number, anchored_at
                from reserve.document where id = :id""").param("sha", forgedSha).param("id", f.plan().id()).update();

        assertThat(verify(e, "sha256", forgedSha).get("verified").asBoolean()).isFalse();
        List<AuditItem> mismatches = audit(e, f).values().stream()
                .filter(i -> i.status() == AuditStatus.LEDGER_MISMATCH).toList();
        assertThat(mismatches).hasSize(1);
        assertThat(mismatches.get(0).detail()).contains("the ledger has no such record");
        assertThat(verify(e, "sha256", f.plan().file().sha256()).get("verified").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void changed_project_facts_are_named_by_the_audit_and_never_shown_to_the_public(Engine e) throws Exception {
        Fixture f = fixture(e, "项目事实篡改项目-" + e.name);
        String id = f.project().id().value();
        e.jdbc().sql("update reserve.project set area_square_meters = 99999.99, name = '改过的名称' where id = :id")
                .param("id", id).update();

        AuditItem facts = audit(e, f).get(id);
        assertThat(facts.status()).isEqualTo(AuditStatus.RECORD_CHANGED);
        assertThat(facts.detail()).contains("name is 改过的名称, anchored " + f.project().name())
                .contains("areaSquareMeters is 99999.99, anchored 30210.75");
        JsonNode page = e.anonymous().get("/api/public/projects/" + id).json();
        assertThat(page.at("/project/name").asText()).isEqualTo(f.project().name());
        assertThat(page.at("/project/areaSquareMeters").asText()).isEqualTo("30210.75");

        // withdrawn in the database only: still published, since the ledger says so; the audit says the flag differs
        e.jdbc().sql("update reserve.project set published = false where id = :id").param("id", id).update();
        assertThat(audit(e, f).get(id).detail()).contains("published is false, anchored true");
        // an unpublished project published in the database only stays private
        Project hidden = e.bean(ProjectService.class).open(new NewProject("未公示项目-" + e.name, "北湖区",
                new BigDecimal("100.00"), false, null), user("applicant"));
        e.runJobs();
        e.jdbc().sql("update reserve.project set published = true where id = :id").param("id", hidden.id().value()).update();
        assertThat(e.anonymous().get("/api/public/projects/" + hidden.id().value()).status()).isEqualTo(404);
        assertThat(e.anonymous().get("/api/public/projects?q=" + "未公示项目-" + e.name).json()).isEmpty();
        AuditItem hiddenFacts = e.bean(Auditor.class).audit(e.bean(ProjectService.class).require(hidden.id().value()))
                .items().stream().filter(i -> i.evidenceId().equals(hidden.id().value())).findFirst().orElseThrow();
        assertThat(hiddenFacts.detail()).contains("published is true, anchored false");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void a_renamed_file_and_a_changed_decision_are_named_by_the_audit(Engine e) throws Exception {
        Fixture f = fixture(e, "改名与改决定项目-" + e.name);
        e.jdbc().sql("update reserve.document set original_name = '另一个名字.pdf' where id = :id")
                .param("id", f.budget().id()).update();
        e.jdbc().sql("update reserve.decision set outcome = 'APPROVE' where id = :id")
                .param("id", f.submit().id()).update();

        Map<String, AuditItem> items = audit(e, f);
        assertThat(items.get(f.budget().id()).status()).isEqualTo(AuditStatus.RECORD_CHANGED);
        assertThat(items.get(f.budget().id()).detail()).contains("originalNameSha256")
                .contains(TextDigests.sha256("资金测算.pdf"));
        assertThat(items.get(f.submit().id()).status()).isEqualTo(AuditStatus.RECORD_CHANGED);
        assertThat(items.get(f.submit().id()).detail()).contains("outcome");
        // the public's view of the decision is the ledger's
        JsonNode decision = e.anonymous().get("/api/public/evidence/" + f.submit().id()).json();
        assertThat(decision.get("kind").asText()).isEqualTo("DECISION");
        assertThat(decision.get("outcome").asText()).isEqualTo("SUBMIT");
        // and the ledger never held the file name itself
        String stored = e.as("auditor").get("/api/evidence/" + f.budget().id() + "/receipt").text();
        assertThat(stored).doesNotContain("资金测算").contains(TextDigests.sha256("资金测算.pdf"));
    }

    private static JsonNode verifyFile(Engine e, byte[] bytes) {
        ApiClient.Response r = e.as("auditor").upload("/api/audit/verify-file", "copy.pdf", bytes);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
