package cn.landreserve.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every mapping the application serves × every caller → allowed or denied. The mappings are read from the running
 * application's handler mappings ({@code RequestMappingInfoHandlerMapping#getHandlerMethods()}: the controllers,
 * the error controller, springdoc and the actuator), so an endpoint added tomorrow is in the matrix the day it is
 * added: a mapping without an entry in {@link #EXPECTED} fails the test, by name. The callers are read from the
 * code too: every {@link Role}, a reviewer of every {@link Department}, and anonymous.
 *
 * <p>"Denied" is exactly 403 for a signed-in caller; for anonymous, 401 on GET and 403 on POST (with no session
 * there is no CSRF token, and the CSRF check comes before sign-in). "Allowed" is anything below 500 that is neither (a 404 for an unknown id still means the caller got past the access rules). The matrix of statuses each
 * caller got is written to {@code target/authorization-matrix.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends RunningServiceTest {

    // --- the expected-access table: one entry per mapping (add yours here) ------------------------------------------
    //
    // A mapping is "METHOD /pattern" exactly as Spring holds it ("ANY" when it has no method condition). Path
    // variables are filled from the fixtures of the same name (projectId, documentId, evidenceId, taskId,
    // processInstanceId); .with("documentId", "sensitiveDoc") picks another fixture. A mapping may have several
    // probes, e.g. a task endpoint once per kind of task.

    static final Callers ANYONE = new Callers("anyone", c -> true);
    static final Callers NOBODY = new Callers("nobody", c -> false);
    static final Callers OFFICERS = roles(Role.APPLICANT, Role.REVIEWER, Role.APPROVER, Role.AUDITOR);
    static final Callers TASK_WORKERS = roles(Role.APPLICANT, Role.REVIEWER, Role.APPROVER);
    static final Callers SIGNED_IN = new Callers("signed-in", c -> c.role() != null);
    static final Callers SYSTEM_ADMIN = roles(Role.SYSTEM_ADMIN);
    static final Callers SECURITY_ADMIN = roles(Role.SECURITY_ADMIN);
    static final Callers AUDIT_ADMIN = roles(Role.AUDIT_ADMIN);

    static final List<Probe> EXPECTED = List.of(
            probe("GET /api/session").allows(ANYONE),
            probe("GET /api/lifecycle/stages").allows(ANYONE),
            probe("GET /api/lifecycle/tasks").allows(ANYONE),
            probe("ANY /error").allows(ANYONE),
            probe("GET /v3/api-docs").allows(ANYONE),
            probe("GET /v3/api-docs.yaml").allows(ANYONE),
            probe("GET /v3/api-docs/swagger-config").allows(ANYONE),
            probe("GET /swagger-ui.html").allows(ANYONE),
            probe("GET /actuator").allows(NOBODY),
            probe("GET /actuator/health").allows(ANYONE),
            probe("GET /actuator/health/**").path("/actuator/health/ping").allows(ANYONE),
            probe("GET /actuator/info").allows(ANYONE),

            probe("POST /api/projects").json("{\"name\":\"矩阵探针\",\"district\":\"区\",\"areaSquareMeters\":1}")
                    .allows(roles(Role.APPLICANT)),
            probe("GET /api/projects").allows(OFFICERS),
            probe("GET /api/projects/{projectId}").allows(OFFICERS),
            probe("GET /api/projects/{projectId}/timeline").allows(OFFICERS),
            probe("GET /api/projects/{projectId}/tasks").allows(OFFICERS),
            probe("GET /api/projects/{projectId}/versions").allows(OFFICERS),
            // the same facts again: past the access rules, refused by the domain (NOTHING_CHANGED), nothing changes
            probe("POST /api/projects/{projectId}/amendments").json("{\"name\":\"权限矩阵项目\",\"district\":\"测试区\","
                    + "\"areaSquareMeters\":500.00,\"formerIndustrial\":false,\"reason\":\"矩阵探针\"}")
                    .allows(roles(Role.APPLICANT)),
            probe("POST /api/projects/{projectId}/publication").json("{\"published\":true,\"reason\":\"矩阵探针\"}")
                    .allows(roles(Role.APPROVER)),

            // parcels and the red line (the bodies are refused by validation: past the access rules, nothing changes)
            probe("PUT /api/projects/{projectId}/parcels").json("{}").allows(roles(Role.APPLICANT)),
            probe("GET /api/projects/{projectId}/parcels")
                    .allows(roles(Role.APPLICANT, Role.REVIEWER, Role.APPROVER, Role.AUDITOR, Role.INSPECTOR)),
            probe("GET /api/projects/{projectId}/red-line-overlap").allows(OFFICERS),
            probe("GET /api/projects/{projectId}/red-line-overlap/map").allows(OFFICERS),
            probe("POST /api/red-line").json("{}").allows(roles(Role.OPERATOR)),
            probe("GET /api/red-line").allows(roles(Role.APPLICANT, Role.REVIEWER, Role.APPROVER, Role.AUDITOR,
                    Role.OPERATOR, Role.INSPECTOR)),
            probe("GET /api/red-line/versions")
                    .allows(roles(Role.APPLICANT, Role.REVIEWER, Role.APPROVER, Role.AUDITOR, Role.OPERATOR)),
            // supervision of stored land (the probe's form has a part the inspection form does not take: refused)
            probe("POST /api/projects/{projectId}/inspections").form("finding", "NORMAL").allows(roles(Role.INSPECTOR)),
            probe("GET /api/projects/{projectId}/inspections")
                    .allows(roles(Role.APPLICANT, Role.APPROVER, Role.AUDITOR, Role.INSPECTOR)),
            probe("GET /api/inspections/due").allows(roles(Role.APPLICANT, Role.APPROVER, Role.AUDITOR, Role.INSPECTOR)),

            probe("GET /api/tasks").allows(TASK_WORKERS),
            probe("GET /api/tasks/{taskId}").allows(roles(Role.APPLICANT)),
            probe("GET /api/tasks/{taskId}").with("taskId", "review:finance").allows(reviewer(Department.FINANCE)),
            probe("POST /api/tasks/{taskId}/claim").allows(roles(Role.APPLICANT)),
            probe("POST /api/tasks/{taskId}/claim").with("taskId", "review:natural-resources")
                    .allows(reviewer(Department.NATURAL_RESOURCES)),
            probe("POST /api/tasks/{taskId}/complete").allows(roles(Role.APPLICANT)),
            probe("POST /api/tasks/{taskId}/complete").with("taskId", "review:ecology-environment")
                    .allows(reviewer(Department.ECOLOGY_ENVIRONMENT)),
            probe("POST /api/tasks/{taskId}/documents").form("documentType", "BUDGET_ESTIMATE", "classification", "INTERNAL")
                    .allows(roles(Role.APPLICANT)),
            probe("POST /api/tasks/{taskId}/documents").with("taskId", "review:finance")
                    .form("documentType", "DEPARTMENT_OPINION", "classification", "INTERNAL")
                    .allows(reviewer(Department.FINANCE)),

            probe("GET /api/documents/{documentId}").allows(OFFICERS),
            probe("GET /api/documents/{documentId}/content").allows(OFFICERS),
            probe("GET /api/documents/{documentId}/content").with("documentId", "sensitiveDoc")
                    .allows(roles(Role.APPLICANT, Role.APPROVER, Role.AUDITOR)),
            probe("GET /api/evidence/{evidenceId}/receipt").allows(OFFICERS),
            probe("GET /api/evidence/{evidenceId}/receipt").with("evidenceId", "sensitiveDoc")
                    .allows(roles(Role.APPLICANT, Role.APPROVER, Role.AUDITOR)),

            probe("GET /api/audit/projects/{projectId}").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/projects/{projectId}/report").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/projects/{projectId}/receipts").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/documents/{documentId}/verify").allows(roles(Role.AUDITOR)),
            probe("POST /api/audit/verify-file").form().allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/access-log").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/trust-bundle").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/tsa-certificate").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/projects/{projectId}/archive-package").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/projects/{projectId}/archive-package/report").allows(roles(Role.AUDITOR)),
            probe("GET /api/audit/projects/{projectId}/archive-package/report/page").allows(roles(Role.AUDITOR)),

            probe("GET /api/ops/status").allows(roles(Role.OPERATOR)),
            probe("POST /api/ops/incidents/{processInstanceId}/retry").allows(roles(Role.OPERATOR)),

            probe("GET /api/cockpit").allows(roles(Role.APPROVER, Role.AUDITOR, Role.OPERATOR)),
            probe("GET /api/register").allows(roles(Role.APPROVER, Role.AUDITOR, Role.OPERATOR)),
            probe("GET /api/register").query("format=csv").allows(roles(Role.APPROVER, Role.AUDITOR, Role.OPERATOR)),
            probe("GET /api/register").query("format=xlsx").allows(roles(Role.APPROVER, Role.AUDITOR, Role.OPERATOR)),

            // the UI's own sign-in and sign-out pages, and everyone's own password
            probe("GET /login").allows(ANYONE),
            probe("GET /logout").allows(ANYONE),
            probe("GET /api/account").allows(SIGNED_IN),
            probe("POST /api/account/password").allows(SIGNED_IN),

            // 三员分立 (SeparationOfDutiesTest checks the same from the administrators' side)
            probe("GET /api/admin/system/users").allows(SYSTEM_ADMIN),
            probe("POST /api/admin/system/users").allows(SYSTEM_ADMIN),
            probe("PUT /api/admin/system/users/{username}").allows(SYSTEM_ADMIN),
            probe("POST /api/admin/system/users/{username}/enable").allows(SYSTEM_ADMIN),
            probe("POST /api/admin/system/users/{username}/disable").allows(SYSTEM_ADMIN),
            probe("POST /api/admin/system/users/{username}/password-reset").allows(SYSTEM_ADMIN),
            probe("GET /api/admin/system/departments").allows(SYSTEM_ADMIN),
            probe("POST /api/admin/system/departments").allows(SYSTEM_ADMIN),
            probe("PUT /api/admin/system/departments/{slug}").allows(SYSTEM_ADMIN),
            probe("GET /api/admin/security/users").allows(SECURITY_ADMIN),
            probe("GET /api/admin/security/roles").allows(SECURITY_ADMIN),
            probe("PUT /api/admin/security/users/{username}/role").allows(SECURITY_ADMIN),
            probe("POST /api/admin/security/users/{username}/unlock").allows(SECURITY_ADMIN),
            probe("GET /api/admin/security/policy").allows(SECURITY_ADMIN),
            probe("PUT /api/admin/security/policy").allows(SECURITY_ADMIN),
            probe("DELETE /api/admin/security/policy").allows(SECURITY_ADMIN),
            probe("GET /api/admin/audit/admin-log").allows(AUDIT_ADMIN),
            probe("GET /api/admin/audit/admin-log/export").allows(AUDIT_ADMIN),
            probe("GET /api/admin/audit/access-log").allows(AUDIT_ADMIN),
            probe("GET /api/admin/audit/access-log/export").allows(AUDIT_ADMIN),

            probe("GET /api/public/projects").allows(ANYONE),
            probe("GET /api/public/projects/{projectId}").allows(ANYONE),
            probe("GET /api/public/verify").query("sha256={publishedSha256}").allows(ANYONE),
            probe("GET /api/public/evidence/{evidenceId}").with("evidenceId", "publishedDoc").allows(ANYONE),
            probe("GET /api/public/evidence/{evidenceId}/qr.png").with("evidenceId", "publishedDoc").allows(ANYONE));

    // --- callers, read from the code ---------------------------------------------------------------------------------

    /** One caller of the matrix: a role (with its department for reviewers), or anonymous (role null). */
    record Caller(String label, Role role, Department department) {}

    record Callers(String label, Predicate<Caller> test) {}

    static Callers roles(Role... roles) {
        Set<Role> set = Set.of(roles);
        return new Callers(Arrays.toString(roles), c -> c.role() != null && set.contains(c.role()));
    }

    static Callers reviewer(Department department) {
        return new Callers("REVIEWER:" + department.slug(), c -> c.role() == Role.REVIEWER && c.department() == department);
    }

    /** Every role (reviewers once per department), then anonymous. */
    static List<Caller> callers() {
        List<Caller> all = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role == Role.REVIEWER) {
                for (Department d : Department.values()) {
                    all.add(new Caller("REVIEWER:" + d.slug(), role, d));
                }
            } else {
                all.add(new Caller(role.name(), role, null));
            }
        }
        all.add(new Caller("anonymous", null, null));
        return all;
    }

    // --- probes --------------------------------------------------------------------------------------------------------

    /** One request against one mapping, and who may make it. */
    static final class Probe {
        final String mapping;
        final Map<String, String> fixtures = new LinkedHashMap<>();
        String path;
        String query;
        String json = "{}";
        String[] form;
        Callers allowed;

        Probe(String mapping) {
            this.mapping = mapping;
        }

        Probe with(String variable, String fixture) {
            fixtures.put(variable, fixture);
            return this;
        }

        Probe path(String concretePath) {
            this.path = concretePath;
            return this;
        }

        Probe query(String query) {
            this.query = query;
            return this;
        }

        Probe json(String body) {
            this.json = body;
            return this;
        }

        /** A multipart/form-data body: these fields, then a small PDF as the file part. */
        Probe form(String... fields) {
            this.form = fields;
            return this;
        }

        Probe allows(Callers callers) {
            this.allowed = callers;
            return this;
        }

        String method() {
            String m = mapping.substring(0, mapping.indexOf(' '));
            return m.equals("ANY") ? "GET" : m;
        }

        String pattern() {
            return mapping.substring(mapping.indexOf(' ') + 1);
        }

        @Override
        public String toString() {
            return mapping + (fixtures.isEmpty() ? "" : " " + fixtures);
        }
    }

    static Probe probe(String mapping) {
        return new Probe(mapping);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9:-]+)}");

    @Autowired List<RequestMappingInfoHandlerMapping> handlerMappings;
    @Autowired PasswordEncoder encoder;
    @Autowired UserRepository users;

    Project project;
    Document sensitive;
    Document internal;
    Document published;
    final Map<String, String> fixtures = new TreeMap<>();
    final Map<String, String> usernames = new LinkedHashMap<>();

    @BeforeAll
    void evidence() throws Exception {
        project = openProject("权限矩阵项目", true);
        String prepare = openTask(project, "Task_PrepareInitiation");
        published = upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", pdf("public plan " + project.id()));
        internal = upload(prepare, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("internal budget " + project.id()));
        sensitive = upload(prepare, "applicant", "SITE_TITLE_SURVEY", "SENSITIVE", pdf("owners " + project.id()));
        tasks.complete(prepare, user("applicant"), "SUBMIT", "");
        runJobs();
        Project second = openProject("权限矩阵项目二", false);

        fixtures.put("projectId", project.id().value());
        fixtures.put("documentId", internal.id());
        fixtures.put("evidenceId", internal.id());
        fixtures.put("sensitiveDoc", sensitive.id());
        fixtures.put("publishedDoc", published.id());
        fixtures.put("publishedSha256", published.file().sha256());
        fixtures.put("taskId", openTask(second, "Task_PrepareInitiation"));
        fixtures.put("review:natural-resources", openTask(project, "Task_ReviewNaturalResources"));
        fixtures.put("review:ecology-environment", openTask(project, "Task_ReviewEcology"));
        fixtures.put("review:finance", openTask(project, "Task_ReviewFinance"));
        fixtures.put("processInstanceId", "none");
        // an account for the administration probes to act on (never one of the callers)
        if (!users.exists("matrix-target")) {
            users.insert(new Actor("matrix-target", "矩阵 目标账号", Role.APPLICANT, null), encoder.encode(PASSWORD));
        }
        fixtures.put("username", "matrix-target");
        fixtures.put("slug", "finance");

        // a user for every caller: the demo user of that role and department, or one made for this test
        for (Caller caller : callers()) {
            if (caller.role() == null) {
                continue;
            }
            String username = DemoUsers.USERS.stream()
                    .filter(a -> a.role() == caller.role() && a.department() == caller.department())
                    .map(Actor::username).findFirst().orElse(null);
            if (username == null) {
                username = "matrix-" + caller.label().toLowerCase(java.util.Locale.ROOT).replace(':', '-').replace('_', '-');
                if (!users.exists(username)) {
                    users.insert(new Actor(username, "矩阵 " + caller.label(), caller.role(), caller.department()),
                            encoder.encode(PASSWORD));
                }
            }
            usernames.put(caller.label(), username);
        }
    }

    /** Every "METHOD /pattern" the application serves, with the handler that serves it. */
    Map<String, String> mappings() {
        Map<String, String> all = new TreeMap<>();
        for (RequestMappingInfoHandlerMapping handlerMapping : handlerMappings) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : handlerMapping.getHandlerMethods().entrySet()) {
                Set<String> methods = e.getKey().getMethodsCondition().getMethods().stream().map(Enum::name)
                        .collect(Collectors.toCollection(TreeSet::new));
                if (methods.isEmpty()) {
                    methods.add("ANY");
                }
                for (String method : methods) {
                    for (String pattern : e.getKey().getPatternValues()) {
                        all.put(method + " " + pattern, e.getValue().getShortLogMessage());
                    }
                }
            }
        }
        return all;
    }

    @Test
    void every_mapping_of_the_application_has_an_entry_in_the_expected_access_table() {
        Map<String, String> served = mappings();
        Set<String> inTable = EXPECTED.stream().map(p -> p.mapping).collect(Collectors.toSet());
        List<String> missing = served.entrySet().stream().filter(e -> !inTable.contains(e.getKey()))
                .map(e -> e.getKey() + "  (" + e.getValue() + ")").toList();
        List<String> stale = inTable.stream().filter(m -> !served.containsKey(m)).sorted().toList();
        assertThat(missing).as("mappings the application serves with no entry in AuthorizationMatrixTest.EXPECTED:"
                + " add a probe(\"METHOD /pattern\").allows(...) for each").isEmpty();
        assertThat(stale).as("entries in AuthorizationMatrixTest.EXPECTED for mappings the application no longer serves")
                .isEmpty();
    }

    @Test
    void every_mapping_allows_exactly_the_callers_it_is_for() throws Exception {
        List<Caller> callers = callers();
        List<String> wrong = new ArrayList<>();
        StringBuilder printout = new StringBuilder();
        printout.append(String.format("%-62s", "probe \\ caller"));
        callers.forEach(c -> printout.append(String.format(" %-8s", abbreviation(c))));
        printout.append('\n');
        for (Probe probe : EXPECTED) {
            assertThat(probe.allowed).as(probe + " says who may call it").isNotNull();
            String target = target(probe);
            printout.append(String.format("%-62s", probe.method() + " " + target.replaceAll("[0-9a-f]{24,}", "…")));
            for (Caller caller : callers) {
                Response r = send(probe, target, caller);
                boolean expected = probe.allowed.test().test(caller);
                int denial = denial(probe, caller);
                boolean ok = expected ? r.status() != 401 && r.status() != 403 && r.status() < 500 : r.status() == denial;
                printout.append(String.format(" %-8s", r.status() + (expected ? "" : "✗") + (ok ? "" : "!")));
                if (!ok) {
                    wrong.add(probe + " as " + caller.label() + ": expected " + (expected ? "allowed" : denial)
                            + ", got " + r.status() + " " + r.text().substring(0, Math.min(160, r.text().length())));
                }
            }
            printout.append('\n');
        }
        printout.append("\n").append(EXPECTED.size()).append(" probes of ").append(mappings().size())
                .append(" mappings × ").append(callers.size()).append(" callers = ").append(EXPECTED.size() * callers.size())
                .append(" requests; ✗ = expected denied, ! = not as expected\n");
        callers.forEach(c -> printout.append("  ").append(abbreviation(c)).append(" = ").append(c.label())
                .append(c.role() != null ? " (user " + usernames.get(c.label()) + ")" : "").append('\n'));
        Files.writeString(Path.of("target", "authorization-matrix.txt"), printout);
        System.out.println(printout);
        assertThat(wrong).as("calls whose access was not as the table says").isEmpty();
    }

    private String target(Probe probe) {
        String path = probe.path != null ? probe.path : probe.pattern();
        Matcher m = VARIABLE.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String fixture = probe.fixtures.getOrDefault(m.group(1), m.group(1));
            String value = fixtures.get(fixture);
            assertThat(value).as(probe + ": no fixture '" + fixture + "' for {" + m.group(1) + "}; fixtures: "
                    + fixtures.keySet()).isNotNull();
            m.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        m.appendTail(filled);
        if (probe.query != null) {
            Matcher q = VARIABLE.matcher(probe.query);
            filled.append('?').append(q.replaceAll(r -> Matcher.quoteReplacement(fixtures.get(r.group(1)))));
        }
        return filled.toString();
    }

    private Response send(Probe probe, String target, Caller caller) {
        ApiClient client = caller.role() == null ? anonymous() : as(usernames.get(caller.label()));
        return switch (probe.method()) {
            case "GET" -> client.get(target);
            case "POST" -> probe.form != null
                    ? client.upload(target, "probe.pdf", pdf("probe " + caller.label() + " " + target), probe.form)
                    : client.postJson(target, probe.json);
            case "PUT" -> client.send("PUT", target, probe.json);
            case "DELETE" -> client.send("DELETE", target, null);
            default -> throw new AssertionError(probe + ": the matrix sends GET, POST, PUT and DELETE only; add " + probe.method());
        };
    }

    /** The one status a refused call gets: see the class comment. */
    private static int denial(Probe probe, Caller caller) {
        return caller.role() == null && probe.method().equals("GET") ? 401 : 403;
    }

    private static String abbreviation(Caller c) {
        if (c.role() == null) {
            return "anon";
        }
        // AUDITOR → AUDI, AUDIT_ADMIN → AUDI-ADM, REVIEWER of finance → REVI-fin: distinct column heads
        String[] words = c.role().name().split("_");
        String role = words[0].substring(0, Math.min(4, words[0].length()))
                + (words.length > 1 ? "-" + words[1].substring(0, Math.min(3, words[1].length())) : "");
        return c.department() == null ? role : role + "-" + c.department().slug().substring(0, 3);
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
        assertThat(as("applicant").get("/api/projects/" + p.id().value() + "/timeline").json().findValuesAsText("kind"))
                .as("nothing recorded but the project's facts").containsExactly("PROJECT");
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
}
