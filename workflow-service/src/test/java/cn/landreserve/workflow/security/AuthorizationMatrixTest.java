package cn.landreserve.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint × every role and anonymous → allowed or denied. "Denied" is 401 or 403; "allowed" is anything
 * else (a 404 for an unknown id still means the caller got past the access rules). Then: the public never receives
 * an INTERNAL or SENSITIVE item, file or personal field, by any path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends RunningServiceTest {

    static final List<String> CALLERS = List.of("applicant", "reviewer-nr", "approver", "auditor", "operator", "anonymous");

    Project project;
    Document sensitive;
    Document internal;
    Document published;
    String applicantTask;

    @BeforeAll
    void evidence() throws Exception {
        project = openProject("权限矩阵项目", true);
        String prepare = openTask(project, "Task_PrepareInitiation");
        published = upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", pdf("public plan " + project.id()));
        internal = upload(prepare, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("internal budget " + project.id()));
        sensitive = upload(prepare, "applicant", "SITE_TITLE_SURVEY", "SENSITIVE", pdf("owners " + project.id()));
        tasks.complete(prepare, user("applicant"), "SUBMIT", "");
        runJobs();
        applicantTask = openProject("权限矩阵项目二", false).processInstanceId();
        applicantTask = engine.tasksOfProject(applicantTask).get(0).id();
    }

    record Row(String method, String path, String allowed) {}

    List<Row> matrix() {
        String p = project.id().value();
        // allowed: a = applicant, r = reviewer, p = approver (leader), u = auditor, o = operator, n = anonymous
        return List.of(
                new Row("GET", "/api/session", "arpuon"),
                new Row("GET", "/api/lifecycle/stages", "arpuon"),
                new Row("GET", "/actuator/health", "arpuon"),
                new Row("GET", "/v3/api-docs", "arpuon"),
                new Row("POST", "/api/projects", "a"),
                new Row("GET", "/api/projects", "arpu"),
                new Row("GET", "/api/projects/" + p, "arpu"),
                new Row("GET", "/api/projects/" + p + "/timeline", "arpu"),
                new Row("GET", "/api/projects/" + p + "/tasks", "arpu"),
                new Row("GET", "/api/tasks", "arp"),
                new Row("POST", "/api/tasks/" + applicantTask + "/claim", "a"),
                new Row("GET", "/api/documents/" + internal.id(), "arpu"),
                new Row("GET", "/api/documents/" + internal.id() + "/content", "arpu"),
                new Row("GET", "/api/documents/" + sensitive.id() + "/content", "apu"),
                new Row("GET", "/api/evidence/" + internal.id() + "/receipt", "arpu"),
                new Row("GET", "/api/evidence/" + sensitive.id() + "/receipt", "apu"),
                new Row("GET", "/api/audit/projects/" + p, "u"),
                new Row("GET", "/api/audit/projects/" + p + "/report", "u"),
                new Row("GET", "/api/audit/projects/" + p + "/receipts", "u"),
                new Row("GET", "/api/audit/documents/" + internal.id() + "/verify", "u"),
                new Row("POST", "/api/audit/verify-file", "u"),
                new Row("GET", "/api/audit/access-log", "u"),
                new Row("GET", "/api/ops/status", "o"),
                new Row("POST", "/api/ops/incidents/none/retry", "o"),
                new Row("GET", "/api/public/projects", "arpuon"),
                new Row("GET", "/api/public/projects/" + p, "arpuon"),
                new Row("GET", "/api/public/verify?sha256=" + published.file().sha256(), "arpuon"),
                new Row("GET", "/api/public/evidence/" + published.id(), "arpuon"));
    }

    @Test
    void every_endpoint_allows_exactly_the_roles_it_is_for() {
        List<String> wrong = new ArrayList<>();
        for (Row row : matrix()) {
            for (String caller : CALLERS) {
                ApiClient client = caller.equals("anonymous") ? anonymous() : as(caller);
                Response r = switch (row.method()) {
                    case "GET" -> client.get(row.path());
                    case "POST" -> row.path().equals("/api/audit/verify-file")
                            ? client.upload(row.path(), "x.pdf", pdf("probe"))
                            : client.postJson(row.path(), row.path().equals("/api/projects")
                                    ? Map.of("name", "矩阵探针", "district", "区", "areaSquareMeters", 1) : Map.of());
                    default -> throw new IllegalArgumentException(row.method());
                };
                boolean allowed = r.status() != 401 && r.status() != 403;
                boolean expected = row.allowed().indexOf(letter(caller)) >= 0;
                if (allowed != expected) {
                    wrong.add(row.method() + " " + row.path() + " as " + caller + ": " + r.status() + " "
                            + r.text().substring(0, Math.min(120, r.text().length())));
                }
                assertThat(r.status()).as(row + " as " + caller).isLessThan(500);
            }
        }
        assertThat(wrong).as("calls whose access was not as the matrix says").isEmpty();
    }

    @Test
    void the_public_never_receives_an_internal_or_sensitive_item_by_any_path() {
        ApiClient pub = anonymous();
        String p = project.id().value();
        String view = pub.get("/api/public/projects/" + p).text();
        assertThat(view).contains(published.file().sha256())
                .doesNotContain(internal.id()).doesNotContain(internal.file().sha256())
                .doesNotContain(sensitive.id()).doesNotContain(sensitive.file().sha256())
                .doesNotContain("applicant").doesNotContain("createdBy").doesNotContain(".pdf");
        assertThat(pub.get("/api/public/verify?sha256=" + internal.file().sha256()).json().get("verified").asBoolean())
                .isFalse();
        assertThat(pub.get("/api/public/verify?sha256=" + sensitive.file().sha256()).json().get("matches")).isEmpty();
        assertThat(pub.get("/api/public/evidence/" + sensitive.id()).status()).isEqualTo(404);
        assertThat(pub.get("/api/public/evidence/" + internal.id() + "/qr.png").status()).isEqualTo(404);
        assertThat(pub.get("/api/documents/" + published.id() + "/content").status()).isEqualTo(401);
        assertThat(pub.get("/api/public/projects?q=" + "权限矩阵项目二").json()).isEmpty(); // not published
        assertThat(pub.get("/api/public/verify?sha256=" + published.file().sha256()).json().at("/matches/0/txId").asText())
                .hasSize(64);
    }

    @Test
    void malformed_digests_injection_in_search_and_unknown_ids_get_a_clear_4xx() {
        ApiClient pub = anonymous();
        assertCode(pub.get("/api/public/verify?sha256=abc"), 400, "INVALID_DIGEST");
        assertCode(pub.get("/api/public/verify?sha256=" + "g".repeat(64)), 400, "INVALID_DIGEST");
        assertCode(pub.get("/api/public/verify"), 400, "INVALID_DIGEST");
        assertThat(pub.get("/api/public/projects?q=%27%20or%201%3D1%20--").json()).isEmpty();
        assertThat(pub.get("/api/public/projects?q=%25").json()).isEmpty();
        assertCode(pub.get("/api/public/projects?q=" + "x".repeat(101)), 400, "INVALID_QUERY");
        assertCode(pub.get("/api/public/projects/prj-00000000000000000000000000000000"), 404, "PROJECT_NOT_FOUND");
        // an encoded '/' in a path is refused by the servlet container itself, before any application code
        Response traversal = pub.get("/api/public/projects/..%2F..%2Fetc%2Fpasswd");
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.text()).doesNotContain("Exception").doesNotContain("root:");
        assertCode(pub.get("/api/public/projects/..;..;etc;passwd"), 400, "MALFORMED_REQUEST");
        assertCode(as("auditor").get("/api/projects/not-an-id"), 404, "PROJECT_NOT_FOUND");
        assertCode(as("auditor").get("/api/documents/doc-00000000000000000000000000000000"), 404, "DOCUMENT_NOT_FOUND");
        assertCode(as("applicant").postJson("/api/tasks/no-such-task/complete", Map.of("outcome", "SUBMIT")), 404,
                "TASK_NOT_FOUND");
        assertCode(as("applicant").postJson("/api/projects", "{\"name\": 42"), 400, "MALFORMED_REQUEST");
        assertCode(as("applicant").postJson("/api/projects", Map.of("name", "", "district", "区", "areaSquareMeters", 1)),
                400, "INVALID_FIELDS");
        assertCode(as("applicant").postJson("/api/projects", Map.of("name", "a\u202Eb", "district", "区",
                "areaSquareMeters", 1)), 400, "INVALID_FIELDS");
        assertCode(ApiClient.as(port, "auditor", "wrong-password").get("/api/projects"), 401, "UNAUTHENTICATED");
    }

    @Test
    void an_upload_over_the_size_limit_is_refused_and_nothing_is_recorded() throws Exception {
        Project p = openProject("超限上传项目", false);
        String task = openTask(p, "Task_PrepareInitiation");
        byte[] big = new byte[1024 * 1024 + 1];
        System.arraycopy(pdf("big").clone(), 0, big, 0, 9);
        Response r = as("applicant").upload("/api/tasks/" + task + "/documents", "big.pdf", big,
                "documentType", "IMPLEMENTATION_PLAN", "classification", "PUBLIC");
        assertCode(r, 413, "FILE_TOO_LARGE");
        assertThat(as("applicant").get("/api/projects/" + p.id().value() + "/timeline").json()).isEmpty();
    }

    @Test
    void a_browser_session_needs_its_csrf_token_for_every_change() throws Exception {
        var cookies = new java.net.CookieManager();
        var browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + port;
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/session")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        var noToken = browser.send(form(base + "/login", "username=applicant&password=" + PASSWORD, null),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        var login = browser.send(form(base + "/login", "username=applicant&password=" + PASSWORD, csrf),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(204);
        csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().map(java.net.HttpCookie::getValue).orElse(csrf);
        String body = "{\"name\":\"会话项目\",\"district\":\"区\",\"areaSquareMeters\":5}";
        var forged = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/projects"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a cross-site POST riding on the session cookie").isEqualTo(403);
        var real = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/projects"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(real.statusCode()).as(real.body()).isEqualTo(201);
    }

    private static java.net.http.HttpRequest form(String url, String body, String csrf) {
        var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            builder.header("X-XSRF-TOKEN", csrf);
        }
        return builder.build();
    }

    private static void assertCode(Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
    }

    private static char letter(String caller) {
        return switch (caller) {
            case "applicant" -> 'a';
            case "reviewer-nr" -> 'r';
            case "approver" -> 'p';
            case "auditor" -> 'u';
            case "operator" -> 'o';
            default -> 'n';
        };
    }
}
