package cn.landreserve.workflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.project.ProjectStatus;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.DemoUsers;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.Jobs;
import cn.landreserve.workflow.support.ModelCoverage;
import cn.landreserve.workflow.support.SwitchableLedger;
import cn.landreserve.workflow.task.TaskWork;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every path through the lifecycle, with the real embedded PostgreSQL, S3 server and ledger. The job executor is
 * off: the test runs the asynchronous anchoring jobs itself, so each step is deterministic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "reserve.demo.password=demo-pass",
        "reserve.demo.sample-projects=false",
        "reserve.workflow.anchor-retry-cycle=R3/PT0S",
        // background work happens when a test asks for it (sweep(), recover(), anchorHead()), not behind its back
        "reserve.workflow.document-anchor-interval=PT24H",
        "reserve.workflow.anchor-recovery-interval=PT24H",
        "reserve.access-log.anchor-interval=PT24H"})
class LifecyclePathsTest {

    static final Path DATA = tempDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("reserve.data-dir", DATA::toString);
    }

    @TestConfiguration
    static class Wiring {
        @Bean
        static ProcessEnginePlugin modelCoverage() {
            return new ModelCoverage();
        }

        @Bean
        @Primary
        SwitchableLedger switchableLedger(@Qualifier("evidenceLedger") EvidenceLedger real) {
            return new SwitchableLedger(real);
        }
    }

    @LocalServerPort int port;
    @Autowired ProjectService projectService;
    @Autowired ProjectRepository projects;
    @Autowired TaskWork tasks;
    @Autowired DocumentService documents;
    @Autowired WorkflowEngine engine;
    @Autowired LifecycleCatalogue catalogue;
    @Autowired SwitchableLedger ledger;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired ReviewEscalation escalation;
    @Autowired cn.landreserve.workflow.evidence.AnchoringRecovery recovery;
    @Autowired cn.landreserve.workflow.evidence.PendingDocumentSweeper sweeper;
    @Autowired cn.landreserve.workflow.evidence.EvidenceAnchoring anchoring;
    @Autowired cn.landreserve.workflow.document.DocumentRepository documentRepository;

    static final Actor APPLICANT = user("applicant");
    static final Actor NR = user("reviewer-nr");
    static final Actor ECO = user("reviewer-eco");
    static final Actor FIN = user("reviewer-fin");
    static final Actor APPROVER = user("approver");

    @Test
    void an_approved_project_goes_from_initiation_to_a_sealed_archive() throws Exception {
        Project p = open(true);
        throughApproval(p);
        throughAcquisitionAndEntry(p);
        step(p, "Task_PrepareSite", APPLICANT, "SUBMIT", "施工完成，申请验收。");
        step(p, "Task_AcceptCompletion", APPROVER, "ACCEPT", "验收合格。");

        assertThat(passed(p)).endsWith("Task_SealProject", "Task_BuildArchivePackage", "EndEvent_Archived");
        assertThat(projects.find(p.id().value()).orElseThrow().status()).isEqualTo(ProjectStatus.ARCHIVED);
        List<LedgerEntry> onLedger = ledger.listByProject(p.id().value());
        // The project's facts first (one version); documents: 3 initiation + approval + 3 acquisition (agreement,
        // payment, title) + entry confirmation + soil survey (industrial land) + contract + acceptance report = 11;
        // decisions: 10; then the seal, last, covering all 22.
        assertThat(onLedger).filteredOn(e -> e.kind() == EvidenceKind.PROJECT).hasSize(1);
        assertThat(onLedger).filteredOn(e -> e.kind() == EvidenceKind.DOCUMENT).hasSize(11);
        assertThat(onLedger).filteredOn(e -> e.kind() == EvidenceKind.DECISION).hasSize(10);
        assertThat(onLedger.get(onLedger.size() - 1).kind()).isEqualTo(EvidenceKind.SEAL);
        SealRecord seal = (SealRecord) onLedger.get(onLedger.size() - 1).record();
        assertThat(seal.evidenceCount()).isEqualTo(22L);
        assertThat(seal.root()).isEqualTo(cn.landreserve.chaincode.ProjectSeal.root(
                onLedger.subList(0, 22).stream().map(e -> e.evidence().recordBytes()).toList()));
        assertThat(onLedger.get(0).kind()).isEqualTo(EvidenceKind.PROJECT);
    }

    @Test
    void a_project_rejected_at_approval_ends_rejected_with_the_rejection_on_the_ledger() throws Exception {
        Project p = open(false);
        initiationAndReviews(p, "APPROVE");
        step(p, "Task_ApproveInitiation", APPROVER, "REJECT", "不符合年度储备计划。");

        assertThat(passed(p)).endsWith("Gateway_ApprovalDecision", "EndEvent_Rejected");
        assertThat(projects.find(p.id().value()).orElseThrow().status()).isEqualTo(ProjectStatus.REJECTED);
        List<LedgerEntry> onLedger = ledger.listByProject(p.id().value());
        assertThat(onLedger).extracting(LedgerEntry::kind).containsExactly(EvidenceKind.PROJECT,
                EvidenceKind.DOCUMENT, EvidenceKind.DOCUMENT, EvidenceKind.DOCUMENT, EvidenceKind.DECISION,
                EvidenceKind.DECISION, EvidenceKind.DECISION, EvidenceKind.DECISION, EvidenceKind.DECISION);
        assertThat(((cn.landreserve.chaincode.DecisionRecord) onLedger.get(8).record()).outcome()).isEqualTo("REJECT");
        var submission = (cn.landreserve.chaincode.DecisionRecord) onLedger.get(4).record();
        assertThat(submission.elementId()).isEqualTo("Task_PrepareInitiation");
        assertThat(submission.reliedOn()).containsExactlyInAnyOrder(
                onLedger.get(1).evidenceId(), onLedger.get(2).evidenceId(), onLedger.get(3).evidenceId());
    }

    @Test
    void a_file_returned_by_one_reviewer_goes_back_to_the_applicant_and_is_reviewed_again() throws Exception {
        Project p = open(false);
        step(p, "Task_PrepareInitiation", APPLICANT, "SUBMIT", "");
        step(p, "Task_ReviewNaturalResources", NR, "APPROVE", "");
        step(p, "Task_ReviewEcology", ECO, "RETURN", "缺少生态影响说明。");
        step(p, "Task_ReviewFinance", FIN, "APPROVE", "");
        assertThat(openElements(p)).containsExactly("Task_PrepareInitiation");

        step(p, "Task_PrepareInitiation", APPLICANT, "SUBMIT", "已补充说明。");
        assertThat(openElements(p)).containsExactlyInAnyOrder(
                "Task_ReviewNaturalResources", "Task_ReviewEcology", "Task_ReviewFinance");
        assertThat(passed(p)).filteredOn("Task_PrepareInitiation"::equals).hasSize(2);
    }

    @Test
    void returns_at_approval_payment_and_entry_go_back_one_step_each() throws Exception {
        Project p = open(false);
        initiationAndReviews(p, "APPROVE");
        step(p, "Task_ApproveInitiation", APPROVER, "RETURN", "请补充资金测算依据。");
        assertThat(openElements(p)).containsExactly("Task_PrepareInitiation");
        initiationAndReviews(p, "APPROVE");
        step(p, "Task_ApproveInitiation", APPROVER, "APPROVE", "同意。");
        step(p, "Task_RecordAcquisition", APPLICANT, "SUBMIT", "");
        step(p, "Task_ConfirmPayment", FIN, "RETURN", "支付凭证不清晰。");
        assertThat(openElements(p)).containsExactly("Task_RecordAcquisition");
        step(p, "Task_RecordAcquisition", APPLICANT, "SUBMIT", "");
        step(p, "Task_ConfirmPayment", FIN, "CONFIRM", "");
        step(p, "Task_ConfirmReserveEntry", NR, "RETURN", "权属登记未完成。");
        assertThat(openElements(p)).containsExactly("Task_RecordAcquisition");
    }

    @Test
    void acceptance_can_send_the_site_back_for_rectification() throws Exception {
        Project p = open(false);
        throughApproval(p);
        throughAcquisitionAndEntry(p);
        step(p, "Task_PrepareSite", APPLICANT, "SUBMIT", "");
        step(p, "Task_AcceptCompletion", APPROVER, "RECTIFY", "围挡不合格，限期整改。");
        assertThat(openElements(p)).containsExactly("Task_PrepareSite");
        step(p, "Task_PrepareSite", APPLICANT, "SUBMIT", "已整改。");
        step(p, "Task_AcceptCompletion", APPROVER, "ACCEPT", "");
        assertThat(projects.find(p.id().value()).orElseThrow().status()).isEqualTo(ProjectStatus.ARCHIVED);
    }

    @Test
    void anchoring_retries_while_the_ledger_is_down_raises_an_incident_and_drains_by_itself_when_it_is_back()
            throws Exception {
        Project p = open(false);
        ledger.reachable(false);
        try {
            complete(p, "Task_PrepareInitiation", APPLICANT, "SUBMIT", "");
            new Jobs(management).runAll();
            // Evidence before effect: no review starts while the evidence is not anchored.
            assertThat(openElements(p)).isEmpty();
            assertThat(engine.incidents()).anySatisfy(i -> {
                assertThat(i.processInstanceId()).isEqualTo(p.processInstanceId());
                assertThat(i.activityId()).isEqualTo("Task_AnchorPrepareInitiation");
                assertThat(i.message()).contains("ledger unreachable");
            });
            assertThat(sweeper.sweep()).as("the sweeper waits while the ledger is down").isZero();
            assertThat(recovery.recover()).as("nothing is retried while the ledger is down").isZero();
            assertThat(documentRepository.pending(p.id().value())).hasSize(3);
            // What the operator sees: the ledger down, the backlog, the incident of this project.
            var status = operator().get("/api/ops/status").json();
            assertThat(status.at("/ledger/up").asBoolean()).isFalse();
            assertThat(status.at("/anchoringBacklog/pendingDocuments").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(status.get("incidents").findValuesAsText("processInstanceId")).contains(p.processInstanceId());
        } finally {
            ledger.reachable(true);
        }
        assertThat(recovery.recover()).isEqualTo(1);
        new Jobs(management).runAll();
        assertThat(engine.incidents()).noneMatch(i -> i.processInstanceId().equals(p.processInstanceId()));
        var status = operator().get("/api/ops/status").json();
        assertThat(status.at("/ledger/up").asBoolean()).isTrue();
        assertThat(status.get("incidents").findValuesAsText("processInstanceId")).doesNotContain(p.processInstanceId());
        assertThat(openElements(p)).hasSize(3);
        assertThat(ledger.listByProject(p.id().value())).as("the facts, three documents, the submission").hasSize(5);
        assertThat(documentRepository.pending(p.id().value())).isEmpty();
    }

    @Test
    void a_ledger_that_cannot_reach_an_organisation_required_for_endorsement_is_DEGRADED_and_the_operator_sees_which()
            throws Exception {
        ledger.unreachableOrganisations(List.of("AuditBureauMSP"));
        try {
            var status = operator().get("/api/ops/status").json();
            assertThat(status.at("/ledger/status").asText()).as(status.toString()).isEqualTo("DEGRADED");
            assertThat(status.at("/ledger/up").asBoolean()).isFalse();
            assertThat(status.at("/ledger/unreachableOrganisations/0").asText()).isEqualTo("AuditBureauMSP");
            // the parts are the operators' to see; anyone else gets the overall status only
            var anonymousHealth = ApiClient.anonymous(port).get("/actuator/health").json();
            assertThat(anonymousHealth.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(anonymousHealth.has("components")).isFalse();
            var health = operator().get("/actuator/health").json();
            assertThat(health.at("/components/ledger/status").asText()).isEqualTo("DEGRADED");
            assertThat(health.at("/components/ledger/details/unreachableOrganisations/0").asText())
                    .isEqualTo("AuditBureauMSP");
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(ApiClient.anonymous(port).get("/actuator/health").json().get("status").asText())
                    .as("anonymous callers see the overall status only").isEqualTo("DEGRADED");
            assertThat(recovery.recover()).as("nothing is retried while nothing can be endorsed").isZero();
        } finally {
            ledger.unreachableOrganisations(List.of());
        }
        assertThat(operator().get("/actuator/health").json().at("/components/ledger/status").asText()).isEqualTo("UP");
    }

    @Test
    void two_competing_workers_anchor_one_pending_record_once() throws Exception {
        Project p = open(false);
        anchoring.anchorPending(p.id());
        String task = engine.tasksOfProject(p.processInstanceId()).get(0).id();
        byte[] bytes = "%PDF-1.4\ncontested\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var doc = documents.upload(task, APPLICANT, new Upload("IMPLEMENTATION_PLAN", "INTERNAL", null, "contested.pdf",
                bytes.length), new ByteArrayInputStream(bytes));
        ledger.slowWrites(java.time.Duration.ofMillis(400));
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            var job = workers.submit(() -> {
                go.await();
                return anchoring.anchorPending(p.id());
            });
            var sweep = workers.submit(() -> {
                go.await();
                return sweeper.sweep();
            });
            go.countDown();
            assertThat(job.get() + sweep.get()).as("records anchored by the two workers together").isEqualTo(1);
        } finally {
            ledger.slowWrites(java.time.Duration.ZERO);
            workers.shutdownNow();
        }
        assertThat(ledger.timesSent(doc.id())).as("times the pending document was sent to the ledger").isEqualTo(1);
        assertThat(documentRepository.find(doc.id()).orElseThrow().anchored()).isTrue();
        assertThat(ledger.findById(doc.id())).isPresent();
    }

    @Test
    void an_uploaded_document_is_anchored_by_the_sweeper_before_its_task_is_completed() throws Exception {
        Project p = open(false);
        String task = engine.tasksOfProject(p.processInstanceId()).get(0).id();
        byte[] bytes = "%PDF-1.4\nearly\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        var doc = documents.upload(task, APPLICANT, new Upload("IMPLEMENTATION_PLAN", "INTERNAL", null, "early.pdf",
                bytes.length), new ByteArrayInputStream(bytes));
        assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(documentRepository.find(doc.id()).orElseThrow().anchored()).isTrue();
        assertThat(ledger.findById(doc.id())).isPresent();
    }

    @Test
    void an_overdue_review_is_escalated_to_the_approvers_and_stays_open() throws Exception {
        Project p = open(false);
        step(p, "Task_PrepareInitiation", APPLICANT, "SUBMIT", "");
        for (String suffix : List.of("NaturalResources", "Ecology", "Finance")) {
            new Jobs(management).runTimer(p.processInstanceId(), "Timer_" + suffix + "Overdue");
        }
        assertThat(escalation.escalations(p.id().value())).isEqualTo(3);
        assertThat(engine.tasksOfProject(p.processInstanceId())).hasSize(3).allSatisfy(t -> {
            assertThat(t.candidateGroups()).contains("approver");
            assertThat(t.priority()).isEqualTo(80);
        });
        assertThat(passed(p)).contains("EndEvent_NaturalResourcesEscalated", "EndEvent_EcologyEscalated",
                "EndEvent_FinanceEscalated");
    }

    @AfterAll
    static void every_flow_node_and_sequence_flow_was_exercised() throws Exception {
        var model = new LifecycleProcess(LifecycleCatalogue.load(), "R3/PT0S").build();
        Path report = ModelCoverage.report(model);
        assertThat(ModelCoverage.missedNodes(model)).as(Files.readString(report)).isEmpty();
        assertThat(ModelCoverage.missedFlows(model)).as(Files.readString(report)).isEmpty();
    }

    // --- the officers' steps --------------------------------------------------------------------------------

    private Project open(boolean industrial) throws Exception {
        return projectService.open(new NewProject("测试储备项目", "测试区", new BigDecimal("1000.00"), industrial, null),
                APPLICANT);
    }

    private ApiClient operator() {
        return ApiClient.as(port, "operator", "demo-pass");
    }

    private void initiationAndReviews(Project p, String reviewOutcome) throws Exception {
        step(p, "Task_PrepareInitiation", APPLICANT, "SUBMIT", "");
        step(p, "Task_ReviewNaturalResources", NR, reviewOutcome, "意见");
        step(p, "Task_ReviewEcology", ECO, reviewOutcome, "意见");
        step(p, "Task_ReviewFinance", FIN, reviewOutcome, "意见");
    }

    private void throughApproval(Project p) throws Exception {
        initiationAndReviews(p, "APPROVE");
        step(p, "Task_ApproveInitiation", APPROVER, "APPROVE", "同意立项。");
    }

    private void throughAcquisitionAndEntry(Project p) throws Exception {
        step(p, "Task_RecordAcquisition", APPLICANT, "SUBMIT", "");
        step(p, "Task_ConfirmPayment", FIN, "CONFIRM", "");
        step(p, "Task_ConfirmReserveEntry", NR, "CONFIRM", "");
    }

    /** Uploads what the outcome needs (once per stage), completes the task, runs the anchoring jobs. */
    private void step(Project p, String element, Actor actor, String outcome, String opinion) throws Exception {
        complete(p, element, actor, outcome, opinion);
        new Jobs(management).runAll();
        assertThat(new Jobs(management).failed()).isEmpty();
    }

    private void complete(Project p, String element, Actor actor, String outcome, String opinion) throws Exception {
        var task = engine.tasksOfProject(p.processInstanceId()).stream()
                .filter(t -> t.elementId().equals(element)).findFirst()
                .orElseThrow(() -> new AssertionError(element + " is not open; open: " + openElements(p)));
        TaskDefinition definition = catalogue.requireTask(element);
        if (definition.outcome(outcome).orElseThrow().checksDocuments()) {
            Stage stage = catalogue.stage(definition.stage()).orElseThrow();
            Project current = projects.find(p.id().value()).orElseThrow();
            var present = documentRepository.typesOfStage(current.id().value(), stage.code());
            for (String missing : stage.missingDocuments(present, current.formerIndustrial())) {
                String type = missing.split("\\|")[0];
                byte[] bytes = ("%PDF-1.4\n" + type + " of " + p.code() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                documents.upload(task.id(), actor, new Upload(type, "PUBLIC", null, type + ".pdf", bytes.length),
                        new ByteArrayInputStream(bytes));
            }
        }
        tasks.complete(task.id(), actor, outcome, opinion);
    }

    private List<String> openElements(Project p) {
        return engine.tasksOfProject(p.processInstanceId()).stream().map(WorkflowEngine.OpenTask::elementId).toList();
    }

    private List<String> passed(Project p) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(p.processInstanceId())
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
    }

    private static Actor user(String username) {
        return DemoUsers.USERS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("lifecycle-paths");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
