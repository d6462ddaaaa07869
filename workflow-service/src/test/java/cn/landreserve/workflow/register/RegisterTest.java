package cn.landreserve.workflow.register;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.accesslog.AccessLog;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.Stage;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reserve land register against the database and the ledger: its rows and totals are exactly the projects the
 * filter selects, in JSON, CSV and XLSX, and each row's evidence status is what the ledger holds (a database that
 * claims more is shown, not believed); filters by district, stage and period; each export is in the access log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegisterTest extends RunningServiceTest {

    @Autowired JdbcClient jdbc;
    @Autowired LifecycleCatalogue catalogue;
    @Autowired DocumentRepository documentRepository;
    @Autowired AccessLog accessLog;
    @Autowired EvidenceLedger ledger;

    final String east = "台账东区-" + UUID.randomUUID().toString().substring(0, 8);
    final String west = "台账西区-" + UUID.randomUUID().toString().substring(0, 8);
    final String north = "台账北区-" + UUID.randomUUID().toString().substring(0, 8);
    final String south = "台账南区-" + UUID.randomUUID().toString().substring(0, 8);
    final String recovery = "台账收回区-" + UUID.randomUUID().toString().substring(0, 8);
    Project initiation;
    Project review;
    Project reserve;
    Project formula;
    Project recovered;
    Project uninspected;
    Project claims;
    String claimedDocument;
    String pendingDocument;

    @BeforeAll
    void projects() throws Exception {
        initiation = open("台账立项项目", east, "1200.50", false);
        review = open("台账审查项目", east, "800.25", true);
        step(review, "Task_PrepareInitiation", "applicant", "SUBMIT");
        reserve = open("台账入库项目", west, "5000.00", false);
        toSitePreparation(reserve);
        // stored land whose last inspection cycle began 40 days ago and passed without an inspection
        uninspected = open("台账未巡查项目", north, "700.00", false);
        toSitePreparation(uninspected);
        jdbc.sql("update reserve.stage_visit set entered_at = entered_at - interval '40 days' where project_id = ? "
                + "and stage = 'SITE_PREPARATION'").param(uninspected.id().value()).update();
        formula = open("=HYPERLINK(\"http://evil\")", west, "10.00", false);
        // 收回: the land-use right recovered by a decision, not expropriated or bought
        recovered = open("台账收回项目", recovery, "300.00", false);
        for (String element : List.of("Task_PrepareInitiation", "Task_ReviewNaturalResources", "Task_ReviewEcology",
                "Task_ReviewFinance", "Task_ApproveInitiation")) {
            step(recovered, element, actorOf(element), catalogue.requireTask(element).outcomes().get(0).code());
        }
        byte[] decision = pdf("收回决定书 " + recovered.code());
        documents.upload(openTask(recovered, "Task_RecordAcquisition"), user("applicant"),
                new Upload("LAND_RECOVERY_DECISION", "SENSITIVE", null, "收回决定书.pdf", decision.length),
                new ByteArrayInputStream(decision));
        step(recovered, "Task_RecordAcquisition", "applicant", "SUBMIT");
        step(recovered, "Task_ConfirmPayment", "reviewer-fin", "CONFIRM");
        // a database that claims more than the ledger holds: one upload left pending, one marked anchored by hand
        claims = open("台账声称上链项目", south, "100.00", false);
        String task = openTask(claims, "Task_PrepareInitiation");
        claimedDocument = upload(task, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", pdf("plan " + claims.code())).id();
        pendingDocument = upload(task, "applicant", "BUDGET_ESTIMATE", "PUBLIC", pdf("budget " + claims.code())).id();
        jdbc.sql("update reserve.document set anchor_state = 'ANCHORED' where id = ?").param(claimedDocument).update();
    }

    private static String actorOf(String element) {
        return switch (element) {
            case "Task_ReviewNaturalResources" -> "reviewer-nr";
            case "Task_ReviewEcology" -> "reviewer-eco";
            case "Task_ReviewFinance" -> "reviewer-fin";
            case "Task_ApproveInitiation" -> "approver";
            default -> "applicant";
        };
    }

    private void toSitePreparation(Project p) throws Exception {
        step(p, "Task_PrepareInitiation", "applicant", "SUBMIT");
        step(p, "Task_ReviewNaturalResources", "reviewer-nr", "APPROVE");
        step(p, "Task_ReviewEcology", "reviewer-eco", "APPROVE");
        step(p, "Task_ReviewFinance", "reviewer-fin", "APPROVE");
        step(p, "Task_ApproveInitiation", "approver", "APPROVE");
        step(p, "Task_RecordAcquisition", "applicant", "SUBMIT");
        step(p, "Task_ConfirmPayment", "reviewer-fin", "CONFIRM");
        step(p, "Task_ConfirmReserveEntry", "reviewer-nr", "CONFIRM");
    }

    private Project open(String name, String district, String area, boolean industrial) throws Exception {
        return projectService.open(new NewProject(name, district, new BigDecimal(area), industrial, null), user("applicant"));
    }

    /** Uploads what the outcome needs, completes the task and runs the anchoring jobs. */
    private void step(Project p, String element, String username, String outcome) throws Exception {
        String taskId = openTask(p, element);
        TaskDefinition definition = catalogue.requireTask(element);
        if (definition.outcome(outcome).orElseThrow().checksDocuments()) {
            Stage stage = catalogue.stage(definition.stage()).orElseThrow();
            for (String missing : stage.missingDocuments(documentRepository.typesOfStage(p.id().value(), stage.code()),
                    p.formerIndustrial())) {
                String type = missing.split("\\|")[0];
                byte[] bytes = pdf(type + " " + p.code());
                documents.upload(taskId, user(username), new Upload(type, "PUBLIC", null, type + ".pdf", bytes.length),
                        new ByteArrayInputStream(bytes));
            }
        }
        tasks.complete(taskId, user(username), outcome, "意见");
        runJobs();
    }

    record Db(long count, BigDecimal area, List<String> codes) {}

    private Db db(String where, Object... params) {
        var count = jdbc.sql("select count(*), coalesce(sum(area_square_meters), 0) from reserve.project " + where);
        var codes = jdbc.sql("select code from reserve.project " + where + " order by code, id");
        for (int i = 0; i < params.length; i++) {
            count = count.param(i + 1, params[i]);
            codes = codes.param(i + 1, params[i]);
        }
        var totals = count.query((rs, n) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2)}).single();
        return new Db((Long) totals[0], (BigDecimal) totals[1], codes.query(String.class).list());
    }

    private static List<String> codes(JsonNode json) {
        List<String> codes = new ArrayList<>();
        json.get("rows").forEach(r -> codes.add(r.get("code").asText()));
        return codes;
    }

    @Test
    void json_rows_and_totals_are_the_projects_of_the_district() throws Exception {
        JsonNode east1 = as("auditor").get("/api/register?district=" + enc(east)).json();
        Db db = db("where district = ?", east);
        assertThat(db.count()).isEqualTo(2);
        assertThat(east1.get("total").asLong()).isEqualTo(db.count());
        assertThat(east1.get("totalArea").decimalValue()).isEqualByComparingTo(db.area()).isEqualByComparingTo("2000.75");
        assertThat(codes(east1)).isEqualTo(db.codes());
        JsonNode row = east1.get("rows").get(codes(east1).indexOf(review.code()));
        assertThat(row.get("name").asText()).isEqualTo("台账审查项目");
        assertThat(row.get("formerIndustrial").asBoolean()).isTrue();
        assertThat(row.get("stage").asText()).isEqualTo("REVIEW");
        assertThat(row.get("stageDates").get("INITIATION").asText()).isEqualTo(today().toString());
        assertThat(row.get("stageDates").get("REVIEW").asText()).isEqualTo(today().toString());
        assertThat(row.get("stageDates").get("APPROVAL").isNull()).isTrue();
        // the facts (version 1), 3 documents and 1 decision, all anchored by the jobs: the ledger holds them all
        JsonNode evidence = row.get("evidence");
        assertThat(evidence.get("state").asText()).isEqualTo("ANCHORED");
        assertThat(evidence.get("recordedItems").asLong()).isEqualTo(5);
        assertThat(evidence.get("anchoredItems").asLong()).isEqualTo(5);
        assertThat(evidence.get("recordedAnchored").asLong()).isEqualTo(5);
        assertThat(evidence.get("ledgerOnlyItems").asLong()).isZero();
        assertThat(evidence.get("claimedNotOnLedger")).isEmpty();
        assertThat(evidence.get("sealedAt").isNull()).isTrue();

        JsonNode west1 = as("approver").get("/api/register?district=" + enc(west) + "&phase=reserve").json();
        assertThat(codes(west1)).containsExactly(reserve.code());
        JsonNode r = west1.get("rows").get(0);
        assertThat(r.get("stage").asText()).isEqualTo("SITE_PREPARATION");
        assertThat(r.get("acquisitionType").asText()).isEqualTo("EXPROPRIATION");
        assertThat(r.get("entryDate").asText()).isEqualTo(today().toString());
        assertThat(r.at("/evidence/state").asText()).isEqualTo("ANCHORED");
        assertThat(r.at("/evidence/anchoredItems").asLong()).isEqualTo(r.at("/evidence/recordedItems").asLong())
                .isEqualTo(ledgerItems(reserve)).isGreaterThan(10);
    }

    /** Evidence items of a project the ledger holds (its seal and batches apart). */
    private long ledgerItems(Project p) throws Exception {
        return ledger.listByProject(p.id().value()).stream()
                .filter(e -> e.kind() != EvidenceKind.SEAL && e.kind() != EvidenceKind.BATCH).count();
    }

    @Test
    void acquisition_by_recovery_of_the_land_use_right_is_收回() throws Exception {
        JsonNode rows = as("auditor").get("/api/register?district=" + enc(recovery)).json();
        assertThat(codes(rows)).containsExactly(recovered.code());
        assertThat(rows.at("/rows/0/stage").asText()).isEqualTo("RESERVE_ENTRY");
        assertThat(rows.at("/rows/0/acquisitionType").asText()).isEqualTo("RECOVERY");
        // the finance reviewer who confirms the payment may read the recovery decision whatever its classification
        assertThat(catalogue.requireTask("Task_ConfirmPayment").reads()).contains("LAND_RECOVERY_DECISION");
        String csv = as("auditor").get("/api/register?format=csv&district=" + enc(recovery)).text();
        List<List<String>> lines = Csv.parse(csv.substring(1));
        assertThat(lines.get(1).get(lines.get(0).indexOf("取得方式"))).isEqualTo("收回");
        String en = as("auditor").get("/api/register?format=csv&lang=en&district=" + enc(recovery)).text();
        List<List<String>> enLines = Csv.parse(en.substring(1));
        assertThat(enLines.get(1).get(enLines.get(0).indexOf("Acquisition type"))).isEqualTo("Recovery");
    }

    @Test
    void evidence_status_is_the_ledgers_and_a_database_claiming_more_is_shown_as_a_mismatch() throws Exception {
        JsonNode rows = as("auditor").get("/api/register?district=" + enc(south)).json();
        assertThat(codes(rows)).containsExactly(claims.code());
        JsonNode e = rows.at("/rows/0/evidence");
        // recorded: the facts (not anchored before the first task is completed) and two documents; the database claims
        // one document anchored, the ledger holds none of the three
        String id = claims.id().value();
        long claimedInDb = jdbc.sql("select (select count(*) from reserve.project_version where project_id = :p and anchor_state = "
                + "'ANCHORED') + (select count(*) from reserve.document where project_id = :p and anchor_state = 'ANCHORED')")
                .param("p", id).query(Long.class).single();
        assertThat(e.get("recordedItems").asLong()).isEqualTo(3);
        assertThat(e.get("recordedAnchored").asLong()).as(e.toString()).isEqualTo(claimedInDb).isEqualTo(1);
        assertThat(ledgerItems(claims)).isZero();
        assertThat(e.get("anchoredItems").asLong()).isZero();
        assertThat(e.get("claimedNotOnLedger").get(0).asText()).isEqualTo(claimedDocument);
        assertThat(e.get("claimedNotOnLedger")).hasSize(1);
        assertThat(e.get("state").asText()).isEqualTo("MISMATCH");
        assertThat(ledger.findById(claimedDocument)).isEmpty();
        assertThat(ledger.findById(pendingDocument)).isEmpty();

        String csv = as("auditor").get("/api/register?format=csv&district=" + enc(south)).text();
        List<List<String>> lines = Csv.parse(csv.substring(1));
        List<String> header = lines.get(0);
        List<String> row = lines.get(1);
        assertThat(row.get(header.indexOf("证据状态（账本）"))).isEqualTo("数据库与账本不一致");
        assertThat(row.get(header.indexOf("登记证据条数"))).isEqualTo("3");
        assertThat(row.get(header.indexOf("账本已上链条数"))).isEqualTo("0");
        assertThat(row.get(header.indexOf("数据库记为已上链条数"))).isEqualTo("1");
        assertThat(row.get(header.indexOf("数据库记为已上链但账本没有"))).isEqualTo(claimedDocument);

        // listed by its status, and counted in the cockpit with exactly the projects the register lists so
        assertThat(codes(as("auditor").get("/api/register?evidence=MISMATCH&district=" + enc(south)).json()))
                .containsExactly(claims.code());
        assertThat(as("auditor").get("/api/register?evidence=ANCHORED&district=" + enc(south)).json().get("total").asLong())
                .isZero();
        JsonNode disagreements = as("approver").get("/api/cockpit").json().at("/evidence/disagreements");
        assertThat(disagreements.get("count").asLong()).isGreaterThanOrEqualTo(1).isEqualTo(
                as("approver").get("/api/register?limit=1&" + disagreements.get("projects").asText()).json().get("total").asLong());

        // the claim withdrawn: what is left is pending work, not a disagreement
        jdbc.sql("update reserve.document set anchor_state = 'PENDING' where id = ?").param(claimedDocument).update();
        JsonNode after = as("auditor").get("/api/register?district=" + enc(south)).json().at("/rows/0/evidence");
        assertThat(after.get("state").asText()).isEqualTo("PENDING");
        assertThat(after.get("anchoredItems").asLong()).isZero();
        assertThat(after.get("recordedAnchored").asLong()).isZero();
        assertThat(after.get("claimedNotOnLedger")).isEmpty();
    }

    @Test
    void an_item_only_on_the_ledger_and_a_seal_only_on_the_ledger_are_shown_as_mismatches() throws Exception {
        String district = "台账账本独有区-" + UUID.randomUUID().toString().substring(0, 8);
        Project p = open("台账账本独有项目", district, "250.00", false);
        step(p, "Task_PrepareInitiation", "applicant", "SUBMIT");
        runJobs();
        JsonNode before = as("auditor").get("/api/register?district=" + enc(district)).json().at("/rows/0/evidence");
        assertThat(before.get("state").asText()).as(before.toString()).isEqualTo("ANCHORED");
        assertThat(before.get("ledgerOnlyItems").asLong()).isZero();

        // the database loses a document row the ledger holds (its anchoring is not taken back)
        String lost = documentRepository.ofProject(p.id().value()).get(0).id();
        assertThat(ledger.findById(lost)).isPresent();
        jdbc.sql("delete from reserve.document where id = ?").param(lost).update();
        JsonNode missing = as("auditor").get("/api/register?district=" + enc(district)).json().at("/rows/0/evidence");
        assertThat(missing.get("state").asText()).as(missing.toString()).isEqualTo("MISMATCH");
        assertThat(missing.get("ledgerOnlyItems").asLong()).isEqualTo(1);
        assertThat(missing.get("recordedItems").asLong()).isEqualTo(before.get("recordedItems").asLong() - 1);

        // a seal on the ledger that the database does not record
        String other = "台账账本封存区-" + UUID.randomUUID().toString().substring(0, 8);
        Project sealed = open("台账账本封存项目", other, "260.00", false);
        step(sealed, "Task_PrepareInitiation", "applicant", "SUBMIT");
        runJobs();
        ledger.seal(sealed.id().value(), java.time.Instant.now().toString());
        JsonNode seal = as("auditor").get("/api/register?district=" + enc(other)).json().at("/rows/0/evidence");
        assertThat(seal.get("state").asText()).as(seal.toString()).isEqualTo("MISMATCH");
        assertThat(seal.get("ledgerOnlyItems").asLong()).isZero();
        assertThat(seal.get("claimedNotOnLedger")).isEmpty();
    }

    @Test
    void filters_by_stage_and_by_the_period_a_stage_was_entered() {
        String d = "&district=" + enc(east);
        assertThat(codes(as("auditor").get("/api/register?stage=REVIEW" + d).json())).containsExactly(review.code());
        assertThat(codes(as("auditor").get("/api/register?stage=INITIATION" + d).json())).containsExactly(initiation.code());
        String t = today().toString();
        assertThat(codes(as("auditor").get("/api/register?entered=REVIEW&from=" + t + "&to=" + t + d).json()))
                .containsExactly(review.code());
        assertThat(codes(as("auditor").get("/api/register?left=INITIATION&from=" + t + "&to=" + t + d).json()))
                .containsExactly(review.code());
        String yesterday = today().minusDays(1).toString();
        assertThat(as("auditor").get("/api/register?from=" + yesterday + "&to=" + yesterday + d).json().get("total").asLong())
                .isZero();
        assertThat(as("auditor").get("/api/register?from=" + t + d).json().get("total").asLong()).isEqualTo(2);
        // a page: the totals are still those of every selected row
        JsonNode page = as("auditor").get("/api/register?limit=1&offset=1" + d).json();
        assertThat(page.get("rows")).hasSize(1);
        assertThat(page.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void csv_rows_and_totals_row_equal_the_projects_in_the_database_and_the_export_is_logged() {
        Response r = as("auditor").get("/api/register?format=csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(r.raw().headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment", ".csv");
        String text = r.text();
        assertThat(text).startsWith("\uFEFF项目编号,项目名称,所在区县,面积（平方米）");
        List<List<String>> lines = Csv.parse(text.substring(1));
        List<List<String>> rows = lines.subList(1, lines.size() - 1);
        List<String> total = lines.get(lines.size() - 1);
        Db db = db("");
        assertThat(rows.stream().map(l -> l.get(0)).toList()).isEqualTo(db.codes());
        assertThat(total.get(0)).isEqualTo("合计");
        assertThat(Long.parseLong(total.get(1))).isEqualTo(db.count()).isEqualTo(rows.size());
        assertThat(new BigDecimal(total.get(3))).isEqualByComparingTo(db.area());
        assertThat(rows.stream().map(l -> new BigDecimal(l.get(3))).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(db.area());
        // a name a spreadsheet would run as a formula is written as text
        List<String> evil = rows.stream().filter(l -> l.get(0).equals(formula.code())).findFirst().orElseThrow();
        assertThat(evil.get(1)).isEqualTo("'=HYPERLINK(\"http://evil\")");

        assertThat(accessLog.latest(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("REGISTER_EXPORT");
            assertThat(e.actor()).isEqualTo("auditor");
            assertThat(e.target()).isEqualTo("/api/register?format=csv");
            assertThat(e.status()).isEqualTo(200);
        });
    }

    @Test
    void xlsx_rows_and_totals_equal_the_projects_of_the_filter() throws Exception {
        Response r = as("operator").get("/api/register?format=xlsx&lang=en&district=" + enc(west));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type").orElseThrow())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        List<Row> rows;
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.body()))) {
            rows = wb.getFirstSheet().read();
        }
        Db db = db("where district = ?", west);
        assertThat(rows.get(0).getCellText(0)).isEqualTo("Code");
        List<Row> data = rows.subList(1, rows.size() - 1);
        assertThat(data.stream().map(x -> x.getCellText(0)).toList()).isEqualTo(db.codes());
        Row total = rows.get(rows.size() - 1);
        assertThat(total.getCellText(0)).isEqualTo("Total");
        assertThat(total.getCellAsNumber(1).orElseThrow().longValue()).isEqualTo(db.count()).isEqualTo(2);
        assertThat(total.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo(db.area()).isEqualByComparingTo("5010.00");
        assertThat(accessLog.latest(5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("REGISTER_EXPORT");
            assertThat(e.actor()).isEqualTo("operator");
        });
    }

    @Test
    void bad_filters_are_refused_with_a_stable_code_and_nothing_is_logged() {
        long before = accessLog.head().seq();
        for (String q : List.of("stage=NOPE", "from=2026-13-01", "from=2026-02-01&to=2026-01-01", "format=pdf",
                "limit=0", "limit=501", "offset=-1", "overdue=yes", "phase=all", "status=OPEN", "entered=X",
                "entered=REVIEW&left=REVIEW", "colour=red", "stage=REVIEW&stage=APPROVAL", "format=csv&limit=5",
                "lang=fr", "district=" + enc("a\u202Eb"), "redLine=yes", "inspection=late",
                "inspectionRectification=closed", "evidence=mismatch")) {
            Response r = as("auditor").get("/api/register?" + q);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.json().get("code").asText()).as(q).isEqualTo("INVALID_FILTER");
        }
        assertThat(accessLog.head().seq()).isEqualTo(before);
    }

    @Test
    void only_leaders_auditors_and_operators_read_the_register_and_the_cockpit() {
        for (String path : List.of("/api/register", "/api/register?format=csv", "/api/cockpit")) {
            assertThat(anonymous().get(path).status()).as(path).isEqualTo(401);
            assertThat(as("applicant").get(path).status()).as(path).isEqualTo(403);
            assertThat(as("reviewer-nr").get(path).status()).as(path).isEqualTo(403);
            for (String allowed : List.of("approver", "auditor", "operator")) {
                assertThat(as(allowed).get(path).status()).as(path + " " + allowed).isEqualTo(200);
            }
        }
    }

    @Test
    void every_cockpit_figure_lists_exactly_its_projects_in_the_register() {
        JsonNode c = as("approver").get("/api/cockpit").json();
        Db db = db("");
        assertThat(c.at("/totals/all/count").asLong()).isEqualTo(db.count());
        assertThat(c.at("/totals/all/area").decimalValue()).isEqualByComparingTo(db.area());
        List<JsonNode> figures = new ArrayList<>();
        c.get("byDistrict").forEach(d -> {
            figures.add(d.get("reserve"));
            figures.add(d.get("pipeline"));
        });
        c.get("byStage").forEach(s -> figures.add(s.get("projects")));
        c.get("cycleTimes").forEach(s -> {
            figures.add(s.get("inStage"));
            figures.add(s.get("overdueNow"));
        });
        c.at("/flow/stages").forEach(s -> {
            s.get("entered").forEach(figures::add);
            s.get("left").forEach(figures::add);
        });
        c.get("totals").forEach(figures::add);
        figures.add(c.at("/overdue/reviewProjects"));
        figures.add(c.at("/overdue/rectifications"));
        figures.add(c.at("/evidence/projectsWithPending"));
        figures.add(c.at("/overdue/inspectionRectifications"));
        figures.add(c.at("/overdue/inspectionRectificationsOverdue"));
        figures.add(c.at("/supervision/supervised"));
        figures.add(c.at("/supervision/inspectionsOverdue"));
        figures.add(c.at("/redLine/withParcels"));
        figures.add(c.at("/redLine/overlapping"));
        figures.add(c.at("/evidence/disagreements"));
        c.at("/evidence/onLedger").forEach(s -> figures.add(s.get("projects")));
        long byState = 0;
        for (JsonNode s : c.at("/evidence/onLedger")) {
            byState += s.at("/projects/count").asLong();
        }
        assertThat(byState).as("every project has one evidence status").isEqualTo(db.count());
        Map<String, Long> checked = new HashMap<>();
        for (JsonNode f : figures) {
            String filter = f.get("projects").asText();
            long listed = checked.computeIfAbsent(filter,
                    q -> as("approver").get("/api/register?limit=1&" + q).json().get("total").asLong());
            assertThat(listed).as(filter).isEqualTo(f.get("count").asLong());
        }
        JsonNode westFigure = null;
        for (JsonNode d : c.get("byDistrict")) {
            if (d.get("district").asText().equals(west)) {
                westFigure = d;
            }
        }
        assertThat(westFigure).isNotNull();
        assertThat(westFigure.at("/reserve/count").asLong()).isEqualTo(1);
        assertThat(westFigure.at("/reserve/area").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(westFigure.at("/pipeline/count").asLong()).isEqualTo(1);
        String month = today().toString().substring(0, 7);
        assertThat(c.at("/flow/months").get(11).asText()).isEqualTo(month);
        assertThat(c.at("/evidence/ledger/up").asBoolean()).isTrue();
        assertThat(c.get("publicVerifications")).hasSize(30);

        // supervision: both stored projects are supervised, only the one whose cycle passed is overdue
        String d = "&district=" + enc(north);
        assertThat(codes(as("approver").get("/api/register?inspection=supervised" + d).json()))
                .containsExactly(uninspected.code());
        assertThat(codes(as("approver").get("/api/register?inspection=overdue" + d).json()))
                .containsExactly(uninspected.code());
        assertThat(codes(as("approver").get("/api/register?inspection=supervised&district=" + enc(west)).json()))
                .containsExactly(reserve.code());
        assertThat(as("approver").get("/api/register?inspection=overdue&district=" + enc(west)).json().get("total").asLong())
                .isZero();
        assertThat(c.at("/supervision/inspectionsOverdue/count").asLong()).isEqualTo(db("where status = 'ACTIVE' "
                + "and current_stage in ('SITE_PREPARATION', 'COMPLETION_ACCEPTANCE') and coalesce((select max(inspected_at) "
                + "from reserve.inspection i where i.project_id = project.id), (select min(entered_at) from reserve.stage_visit v "
                + "where v.project_id = project.id and v.stage in ('SITE_PREPARATION', 'COMPLETION_ACCEPTANCE'))) "
                + "< now() - interval '30 days'").count()).isGreaterThanOrEqualTo(1);
        assertThat(c.at("/overdue/inspectionRectifications/count").asLong()).isEqualTo(db("where exists (select 1 from "
                + "reserve.rectification r where r.project_id = project.id and r.status in ('OPEN', 'OVERDUE'))").count());
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A small RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF). */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> lines = new ArrayList<>();
            List<String> line = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    line.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\r') {
                    continue;
                } else if (ch == '\n') {
                    line.add(field.toString());
                    field.setLength(0);
                    lines.add(line);
                    line = new ArrayList<>();
                } else {
                    field.append(ch);
                }
            }
            return lines;
        }
    }
}
