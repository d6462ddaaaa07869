package cn.landreserve.workflow.register;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The reserve land register against the database: its rows and totals are exactly the projects the filter
 * selects, in JSON, CSV and XLSX; filters by district, stage and period; each export is in the access log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegisterTest extends RunningServiceTest {

    @Autowired JdbcClient jdbc;
    @Autowired LifecycleCatalogue catalogue;
    @Autowired DocumentRepository documentRepository;
    @Autowired AccessLog accessLog;

    final String east = "台账东区-" + UUID.randomUUID().toString().substring(0, 8);
    final String west = "台账西区-" + UUID.randomUUID().toString().substring(0, 8);
    Project initiation;
    Project review;
    Project reserve;
    Project formula;

    @BeforeAll
    void projects() throws Exception {
        initiation = open("台账立项项目", east, "1200.50", false);
        review = open("台账审查项目", east, "800.25", true);
        step(review, "Task_PrepareInitiation", "applicant", "SUBMIT");
        reserve = open("台账入库项目", west, "5000.00", false);
        step(reserve, "Task_PrepareInitiation", "applicant", "SUBMIT");
        step(reserve, "Task_ReviewNaturalResources", "reviewer-nr", "APPROVE");
        step(reserve, "Task_ReviewEcology", "reviewer-eco", "APPROVE");
        step(reserve, "Task_ReviewFinance", "reviewer-fin", "APPROVE");
        step(reserve, "Task_ApproveInitiation", "approver", "APPROVE");
        step(reserve, "Task_RecordAcquisition", "applicant", "SUBMIT");
        step(reserve, "Task_ConfirmPayment", "reviewer-fin", "CONFIRM");
        step(reserve, "Task_ConfirmReserveEntry", "reviewer-nr", "CONFIRM");
        formula = open("=HYPERLINK(\"http://evil\")", west, "10.00", false);
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
    void json_rows_and_totals_are_the_projects_of_the_district() {
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
        // 3 documents and 1 decision, all anchored by the jobs
        assertThat(row.get("evidenceItems").asLong()).isEqualTo(4);
        assertThat(row.get("anchoredItems").asLong()).isEqualTo(4);

        JsonNode west1 = as("approver").get("/api/register?district=" + enc(west) + "&phase=reserve").json();
        assertThat(codes(west1)).containsExactly(reserve.code());
        JsonNode r = west1.get("rows").get(0);
        assertThat(r.get("stage").asText()).isEqualTo("SITE_PREPARATION");
        assertThat(r.get("acquisitionType").asText()).isEqualTo("EXPROPRIATION");
        assertThat(r.get("entryDate").asText()).isEqualTo(today().toString());
        assertThat(r.get("anchoredItems").asLong()).isEqualTo(r.get("evidenceItems").asLong()).isGreaterThan(10);
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
                "lang=fr", "district=" + enc("a\u202Eb"))) {
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
