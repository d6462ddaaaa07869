package cn.landreserve.workflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.accesslog.AccessLog;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RawHttp;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The 等保 hardening of the web tier, seen from outside: headers, error shapes, health, links, client addresses. */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class HardeningTest extends RunningServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired AccessLog accessLog;

    @Test
    void health_shows_anonymous_callers_up_or_down_only_and_operators_the_details() throws Exception {
        JsonNode anonymous = anonymous().get("/actuator/health").json();
        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("components")).as(anonymous.toString()).isFalse();
        assertThat(anonymous.has("details")).as(anonymous.toString()).isFalse();
        assertThat(anonymous.toString()).doesNotContain("objectStore").doesNotContain("endpoint")
                .doesNotContain("ledger").doesNotContain("diskSpace");
        assertThat(as("auditor").get("/actuator/health").json().has("components")).as("not an operator").isFalse();
        JsonNode operator = as("operator").get("/actuator/health").json();
        assertThat(operator.get("components").size()).isGreaterThan(1);
    }

    @Test
    void certificate_links_come_from_the_configured_address_never_from_the_host_header() throws Exception {
        Project project = openProject("主机头项目", true);
        String task = openTask(project, "Task_PrepareInitiation");
        Document plan = upload(task, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", pdf("host header " + project.id()));
        upload(task, "applicant", "SITE_TITLE_SURVEY", "INTERNAL", pdf("survey " + project.id()));
        upload(task, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("budget " + project.id()));
        tasks.complete(task, user("applicant"), "SUBMIT", "");
        runJobs();
        String expected = "http://127.0.0.1:" + port + "/#/certificate/" + plan.id();
        for (String path : List.of("/api/public/evidence/" + plan.id(), "/api/public/verify?sha256=" + plan.file().sha256())) {
            RawHttp.Answer answer = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: evil.example\r\n"
                    + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            String url = body.has("verifyUrl") ? body.get("verifyUrl").asText() : body.at("/matches/0/verifyUrl").asText();
            assertThat(url).isEqualTo(expected);
            assertThat(answer.body()).doesNotContain("evil.example");
        }
    }

    @Test
    void what_tomcat_refuses_before_the_application_answers_in_the_api_error_shape() throws Exception {
        String longName = "u".repeat(10_000);
        String basic = java.util.Base64.getEncoder().encodeToString((longName + ":x").getBytes());
        Map<String, String> requests = Map.of(
                "encoded slash", "GET /api/public/projects/a%2fb HTTP/1.1\r\nHost: localhost\r\n",
                "encoded NUL", "GET /api/public/projects/a%00b HTTP/1.1\r\nHost: localhost\r\n",
                "10,000-character Basic user name", "GET /api/projects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                        + basic + "\r\n");
        for (var request : requests.entrySet()) {
            RawHttp.Answer answer = RawHttp.send(port, request.getValue());
            assertThat(answer.status()).as(request.getKey()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(request.getKey()).startsWith("application/json");
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("status").asInt()).isEqualTo(400);
            assertThat(body.get("code").asText()).as(request.getKey()).isEqualTo("MALFORMED_REQUEST");
            assertThat(answer.body()).doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("Exception");
        }
        Response error = anonymous().get("/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.json().get("code").asText()).isEqualTo("NOT_FOUND");
        Response typo = anonymous().get("/api/public/projects?limit=abc");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("message").asText()).isEqualTo("the parameter 'limit' has the wrong form")
                .doesNotContain("java.").doesNotContain("Integer");
    }

    @Test
    void asking_the_public_api_for_xml_gets_406_in_json_and_no_stack_trace_in_the_log(CapturedOutput output)
            throws Exception {
        int logged = output.getOut().length();
        for (String path : List.of("/api/public/projects", "/api/public/verify?sha256=" + "a".repeat(64))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).header("Accept", "application/xml").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(406);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("NOT_ACCEPTABLE");
        }
        String log = output.getOut().substring(logged);
        assertThat(log).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void pages_carry_a_content_security_policy_and_cookies_are_same_site_only() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csp = index.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(index.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(index.headers().firstValue("Strict-Transport-Security")).as("plain HTTP: no HSTS").isEmpty();

        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session")).build(),
                HttpResponse.BodyHandlers.ofString());
        String xsrfCookie = session.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .findFirst().orElseThrow();
        assertThat(xsrfCookie).contains("SameSite=Strict");
        String token = xsrfCookie.substring("XSRF-TOKEN=".length(), xsrfCookie.indexOf(';'));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .header("Cookie", "XSRF-TOKEN=" + token)
                .POST(HttpRequest.BodyPublishers.ofString("username=auditor&password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(204);
        String sessionCookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void the_login_and_logout_addresses_open_the_ui_s_own_pages() {
        for (String page : List.of("login", "logout")) {
            RawHttp.Answer answer = RawHttp.send(port, "GET /" + page + " HTTP/1.1\r\nHost: localhost\r\n");
            assertThat(answer.status()).isEqualTo(302);
            assertThat(answer.header("Location")).endsWith("/#/" + page);
            assertThat(answer.body()).doesNotContain("Please sign in");
        }
    }

    @Test
    void without_a_trusted_proxy_a_forwarded_client_address_is_not_believed() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /api/public/projects?q=xff HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\n");
        assertThat(answer.status()).isEqualTo(200);
        AccessLog.Entry entry = accessLog.latest(1).get(0);
        assertThat(entry.target()).isEqualTo("/api/public/projects?q=xff");
        assertThat(entry.client()).isEqualTo("127.0.0.1");
    }

    @Test
    void an_opinion_with_a_direction_override_is_refused() throws Exception {
        Project project = openProject("意见方向项目", false);
        String task = openTask(project, "Task_PrepareInitiation");
        Response r = as("applicant").postJson("/api/tasks/" + task + "/complete",
                Map.of("outcome", "SUBMIT", "opinion", "同意\u202e意同不"));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("INVALID_OPINION");
        Response multiline = as("applicant").postJson("/api/tasks/" + task + "/complete",
                Map.of("outcome", "SUBMIT", "opinion", "第一行\n第二行"));
        assertThat(multiline.json().get("code").asText()).as("line breaks are fine: refused for the missing documents")
                .isEqualTo("MISSING_DOCUMENTS");
    }
}
