package cn.landreserve.workflow.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.RunningServiceTest;
import cn.landreserve.workflow.support.Snapshots;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hostile-input corpus: broken JSON, duplicate keys, wrong types, huge fields, path-traversal and control-character
 * file names, Unicode tricks, wrong content types, truncated multipart bodies, replayed completions, forged roles,
 * unknown ids. Every case states the one status and code it must get, and its preconditions leave that rule as the
 * only one that can refuse it: the task a completion case targets has all its documents, the body of a forged-role
 * case is otherwise valid, a bad field comes in an otherwise complete body. Where a refusal names a field, the case
 * names it too. The database (every table of the schemas the service writes) and the bucket (through the S3 API:
 * keys, SHA-256 of each object's bytes, incomplete multipart uploads) are identical before and after. The report,
 * by expected code, is in {@code target/hostile-input-report.txt}.
 */
class HostileInputTest extends RunningServiceTest {

    /**
     * Refused by Tomcat itself before the application sees the request: the API's error shape all the same
     * (web.JsonErrorReportValve), never Tomcat's HTML page.
     */
    static final String CONTAINER = "MALFORMED_REQUEST";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A complete, valid project: each case changes exactly one thing in it. */
    private static final String PROJECT = "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1}";

    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired cn.landreserve.documents.DocumentStore store;

    record Hostile(String name, String method, String path, String user, String contentType, byte[] body, int status,
            String code, String field) {

        Hostile field(String invalidField) {
            return new Hostile(name, method, path, user, contentType, body, status, code, invalidField);
        }
    }

    @Test
    void every_hostile_request_gets_exactly_its_expected_status_and_code_and_changes_nothing() throws Exception {
        Project project = openProject("敌意输入项目", true);
        // a task ready to complete: every required document is there, so a completion can only fail the rule under test
        String task = openTask(project, "Task_PrepareInitiation");
        var doc = upload(task, "applicant", "IMPLEMENTATION_PLAN", "INTERNAL", pdf("hostile " + project.id()));
        upload(task, "applicant", "SITE_TITLE_SURVEY", "INTERNAL", pdf("hostile survey " + project.id()));
        upload(task, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("hostile budget " + project.id()));
        // a task that lacks its documents: for the one case about exactly that
        String bareTask = openTask(openProject("缺少文件项目", false), "Task_PrepareInitiation");
        Project done = openProject("已完成任务项目", false);
        String doneTask = openTask(done, "Task_PrepareInitiation");
        upload(doneTask, "applicant", "IMPLEMENTATION_PLAN", "INTERNAL", pdf("a" + done.id()));
        upload(doneTask, "applicant", "SITE_TITLE_SURVEY", "INTERNAL", pdf("b" + done.id()));
        upload(doneTask, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("c" + done.id()));
        tasks.complete(doneTask, user("applicant"), "SUBMIT", "");
        runJobs();

        List<Hostile> corpus = corpus(project.id().value(), task, bareTask, doneTask, doc.id());
        assertThat(corpus.size()).isGreaterThanOrEqualTo(250);

        Snapshots snapshots = new Snapshots(jdbc, store);
        String before = snapshots.databaseAndBucket();
        Map<String, List<String>> byCode = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> slowest = new ArrayList<>();
        for (Hostile h : corpus) {
            long started = System.nanoTime();
            HttpResponse<String> r = send(h);
            slowest.add(String.format("%06d ms  %s", (System.nanoTime() - started) / 1_000_000, h.name()));
            String body = r.body() == null ? "" : r.body();
            String problem = problem(h, r.statusCode(), body);
            byCode.computeIfAbsent(h.status() + " " + h.code(), k -> new ArrayList<>()).add(h.name());
            if (problem != null) {
                wrong.add(h.name() + ": expected " + h.status() + " " + h.code()
                        + (h.field() == null ? "" : " naming " + h.field()) + ", got " + problem);
            }
        }
        String after = snapshots.databaseAndBucket();

        StringBuilder report = new StringBuilder(corpus.size() + " hostile requests, by the status and code each must get\n");
        byCode.forEach((code, names) -> report.append(String.format("%4d  %s%n", names.size(), code)));
        report.append('\n');
        byCode.forEach((code, names) -> {
            report.append(code).append(" (").append(names.size()).append(")\n");
            names.forEach(n -> report.append("    ").append(n).append('\n'));
        });
        report.append(wrong.isEmpty() ? "\nevery case got exactly its status and code\n"
                : "\nNOT AS EXPECTED (" + wrong.size() + "):\n" + String.join("\n", wrong) + "\n");
        report.append("\nslowest cases:\n");
        slowest.stream().sorted(java.util.Comparator.reverseOrder()).limit(5).forEach(t -> report.append("  ").append(t).append('\n'));
        Files.writeString(Path.of("target", "hostile-input-report.txt"), report);
        System.out.println(report.substring(0, report.indexOf("\n\n")));

        assertThat(wrong).as("requests not answered with exactly their expected status and code").isEmpty();
        assertThat(after).as("database and bucket after the corpus").isEqualTo(before);
    }

    /** Null when the response is exactly what the case expects; otherwise what was wrong with it. */
    private static String problem(Hostile h, int status, String body) {
        String got = status + " " + body.substring(0, Math.min(200, body.length()));
        if (status != h.status()) {
            return got;
        }
        if (body.contains("Exception") || body.contains("\tat ")) {
            return "a stack trace: " + got;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception notJson) {
            return "not the API's JSON error shape: " + got;
        }
        if (json == null || !h.code().equals(json.path("code").asText()) || json.path("status").asInt() != status
                || json.path("message").asText().isBlank() || !json.has("details")) {
            return got;
        }
        if (h.field() != null) {
            var named = new TreeSet<String>();
            json.path("details").path("fields").fieldNames().forEachRemaining(named::add);
            if (!named.equals(new TreeSet<>(Arrays.asList(h.field().split(","))))) {
                return "fields " + named + ": " + got;
            }
        }
        return null;
    }

    // --- the corpus ----------------------------------------------------------------------------------------

    List<Hostile> corpus(String projectId, String task, String bareTask, String doneTask, String documentId) {
        List<Hostile> c = new ArrayList<>();
        String complete = "/api/tasks/" + task + "/complete";

        String[] brokenJson = {"{", "}", "{\"name\":", "{\"name\" \"x\"}", "[1,2", "{\"a\":1,}", "nul", "{'name':'x'}",
                "{\"name\":\"x\"}}", "{\"name\":\"\\u12\"}", "{\"name\":\"x\\q\"}", "{\"name\":tru}",
                "{\"areaSquareMeters\":NaN}", "{\"name\":\"x\",\"name\":", "\u0000",
                "{" + "\"a\":{".repeat(2000), "[" + "[".repeat(3000)};
        for (int i = 0; i < brokenJson.length; i++) {
            c.add(json("broken JSON #" + i + " creating a project", "POST", "/api/projects", "applicant", brokenJson[i],
                    400, "MALFORMED_REQUEST"));
            c.add(json("broken JSON #" + i + " completing a task", "POST", complete, "applicant", brokenJson[i],
                    400, "MALFORMED_REQUEST"));
        }
        c.add(json("empty body creating a project", "POST", "/api/projects", "applicant", "", 400, "MALFORMED_REQUEST"));
        c.add(json("empty body completing a task", "POST", complete, "applicant", "", 400, "MALFORMED_REQUEST"));
        c.add(json("a JSON string instead of an object, creating a project", "POST", "/api/projects", "applicant",
                "\"just a string\"", 400, "MALFORMED_REQUEST"));

        // duplicate keys: refused before binding, whatever they bind to (a record, a nested object)
        c.add(json("duplicate key creating a project", "POST", "/api/projects", "applicant",
                "{\"name\":\"a\",\"name\":\"b\",\"district\":\"d\",\"areaSquareMeters\":1}", 400, "DUPLICATE_KEY"));
        c.add(json("duplicate key with the same value creating a project", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"d\",\"district\":\"d\",\"areaSquareMeters\":1}", 400, "DUPLICATE_KEY"));
        c.add(json("duplicate key completing a task", "POST", complete, "applicant",
                "{\"outcome\":\"SUBMIT\",\"opinion\":\"a\",\"opinion\":\"b\"}", 400, "DUPLICATE_KEY"));
        c.add(json("duplicate outcome completing a task", "POST", complete, "applicant",
                "{\"outcome\":\"SUBMIT\",\"outcome\":\"SUBMIT\"}", 400, "DUPLICATE_KEY"));
        c.add(json("duplicate key in a nested object", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"x\":{\"a\":1,\"a\":2}}", 400, "DUPLICATE_KEY"));

        String[][] wrongTypes = {
                {"{\"name\":42,\"district\":\"d\",\"areaSquareMeters\":1}", "MALFORMED_REQUEST", null},
                {"{\"name\":\"n\",\"district\":[],\"areaSquareMeters\":1}", "MALFORMED_REQUEST", null},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":\"abc\"}", "MALFORMED_REQUEST", null},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":{}}", "MALFORMED_REQUEST", null},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":-5}", "INVALID_FIELDS", "areaSquareMeters"},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":0}", "INVALID_FIELDS", "areaSquareMeters"},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1.234}", "INVALID_FIELDS", "areaSquareMeters"},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1e30}", "INVALID_FIELDS", "areaSquareMeters"},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1e999999}", "INVALID_FIELDS", "areaSquareMeters"},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"formerIndustrial\":\"yes\"}", "MALFORMED_REQUEST", null},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"formerIndustrial\":[true]}", "MALFORMED_REQUEST", null},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"role\":\"AUDITOR\"}", "MALFORMED_REQUEST", null},
                {"{\"name\":null,\"district\":\"d\",\"areaSquareMeters\":1}", "INVALID_FIELDS", "name"},
                {"{\"name\":\"n\",\"areaSquareMeters\":1}", "INVALID_FIELDS", "district"},
                {"{\"name\":\"n\",\"district\":\"d\"}", "INVALID_FIELDS", "areaSquareMeters"},
                {"{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"description\":\"a\\u0007b\"}", "INVALID_FIELDS", "description"},
                {"{}", "INVALID_FIELDS", "name"},
                {"[]", "MALFORMED_REQUEST", null}, {"42", "MALFORMED_REQUEST", null}, {"true", "MALFORMED_REQUEST", null}};
        for (int i = 0; i < wrongTypes.length; i++) {
            c.add(json("wrong type or value #" + i + " creating a project: " + wrongTypes[i][0], "POST", "/api/projects",
                    "applicant", wrongTypes[i][0], 400, wrongTypes[i][1]).field(wrongTypes[i][2]));
        }
        c.add(json("the JSON null creating a project", "POST", "/api/projects", "applicant", "null", 400,
                "MALFORMED_REQUEST"));

        String[][] badCompletions = {{"{\"outcome\":42}", "MALFORMED_REQUEST"}, {"{\"outcome\":[\"SUBMIT\"]}", "MALFORMED_REQUEST"},
                {"{\"outcome\":{}}", "MALFORMED_REQUEST"}, {"{\"outcome\":null}", "UNKNOWN_OUTCOME"}, {"{}", "UNKNOWN_OUTCOME"},
                {"{\"outcome\":\"submit\"}", "UNKNOWN_OUTCOME"}, {"{\"outcome\":\"SUBMIT \"}", "UNKNOWN_OUTCOME"},
                {"{\"outcome\":\"APPROVE\"}", "UNKNOWN_OUTCOME"}, {"{\"outcome\":\"SUBMIT\",\"opinion\":42}", "MALFORMED_REQUEST"},
                {"{\"outcome\":\"' OR 1=1 --\"}", "UNKNOWN_OUTCOME"},
                {"{\"outcome\":\"SUBMIT\",\"actor\":\"approver\"}", "MALFORMED_REQUEST"}};
        for (int i = 0; i < badCompletions.length; i++) {
            c.add(json("bad completion #" + i + ": " + badCompletions[i][0], "POST", complete, "applicant",
                    badCompletions[i][0], 400, badCompletions[i][1]));
        }
        c.add(json("completion of a task whose documents are missing", "POST", "/api/tasks/" + bareTask + "/complete",
                "applicant", "{\"outcome\":\"SUBMIT\"}", 422, "MISSING_DOCUMENTS"));

        String huge = "长".repeat(100_000);
        c.add(json("huge project name", "POST", "/api/projects", "applicant",
                "{\"name\":\"" + huge + "\",\"district\":\"d\",\"areaSquareMeters\":1}", 400, "INVALID_FIELDS").field("name"));
        c.add(json("huge district", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"" + huge + "\",\"areaSquareMeters\":1}", 400, "INVALID_FIELDS").field("district"));
        c.add(json("huge description", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"description\":\"" + huge + "\"}", 400,
                "INVALID_FIELDS").field("description"));
        c.add(json("huge opinion", "POST", complete, "applicant", "{\"outcome\":\"SUBMIT\",\"opinion\":\"" + huge + "\"}",
                400, "OPINION_TOO_LONG"));
        c.add(json("a number of 5,000 digits", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":" + "9".repeat(5000) + "}", 400, "MALFORMED_REQUEST"));
        c.add(get("huge search text", "/api/public/projects?q=" + "x".repeat(5000), null, 400, "INVALID_QUERY"));
        c.add(get("a query string beyond Tomcat's header limit", "/api/public/verify?sha256=" + "a".repeat(10_000), null,
                400, CONTAINER));

        String[] unicode = {"a\u202Eb", "\u200B", "a\u200Bb", "\u2066x\u2069", "x\u0000y", "x\u0007y", "x\u001By[2J",
                "\uFEFFname", "a\uFFFDb", "\u202Dreversed", "x\r\ny"};
        for (int i = 0; i < unicode.length; i++) {
            c.add(json("Unicode trick #" + i + " in a project name", "POST", "/api/projects", "applicant",
                    "{\"name\":\"" + jsonEscape(unicode[i]) + "\",\"district\":\"d\",\"areaSquareMeters\":1}", 400,
                    "INVALID_FIELDS").field("name"));
            c.add(get("Unicode trick #" + i + " in a search", "/api/public/projects?q="
                    + java.net.URLEncoder.encode(unicode[i], StandardCharsets.UTF_8), null, 400, "INVALID_QUERY"));
        }
        c.add(new Hostile("overlong UTF-8 in a project name", "POST", "/api/projects", "applicant", "application/json",
                withBytes("{\"name\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\",\"district\":\"d\",\"areaSquareMeters\":1}"),
                400, "MALFORMED_REQUEST", null));
        c.add(new Hostile("invalid UTF-8 in a project name", "POST", "/api/projects", "applicant", "application/json",
                withBytes("{\"name\":\"", new byte[] {(byte) 0xFF, (byte) 0xFE}, "\",\"district\":\"d\",\"areaSquareMeters\":1}"),
                400, "MALFORMED_REQUEST", null));

        String[] fileNames = {"../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "C:\\boot.ini", "a/../../b.pdf",
                "..", ".", "...", "", " ", "a\u0000b.pdf", "a\nb.pdf", "a\rb.pdf", "\u202Efdp.exe", "a\u200Bb.pdf",
                "x".repeat(300) + ".pdf", "file:name.pdf", "a\u0007.pdf", "%2e%2e%2fetc%2fpasswd", "..%2F..%2Fetc"};
        for (int i = 0; i < fileNames.length; i++) {
            c.add(multipart("file name #" + i + " " + printable(fileNames[i]), task, fileNames[i], pdf("n" + i),
                    "IMPLEMENTATION_PLAN", "PUBLIC", 400, "INVALID_FILE_NAME"));
        }
        c.add(multipart("disallowed type: Windows executable", task, "x.pdf", new byte[] {'M', 'Z', 0, 0, 0, 0},
                "IMPLEMENTATION_PLAN", "PUBLIC", 415, "FILE_TYPE_NOT_ALLOWED"));
        c.add(multipart("disallowed type: ELF", task, "x.pdf", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0},
                "IMPLEMENTATION_PLAN", "PUBLIC", 415, "FILE_TYPE_NOT_ALLOWED"));
        c.add(multipart("disallowed type: HTML with script", task, "x.html",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "IMPLEMENTATION_PLAN", "PUBLIC",
                415, "FILE_TYPE_NOT_ALLOWED"));
        c.add(multipart("disallowed type: SVG", task, "x.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8),
                "IMPLEMENTATION_PLAN", "PUBLIC", 415, "FILE_TYPE_NOT_ALLOWED"));
        c.add(multipart("empty file", task, "x.pdf", new byte[0], "IMPLEMENTATION_PLAN", "PUBLIC", 400, "EMPTY_FILE"));
        c.add(multipart("unknown document type", task, "x.pdf", pdf("t"), "NO_SUCH_TYPE", "PUBLIC", 400,
                "UNKNOWN_DOCUMENT_TYPE"));
        c.add(multipart("document type of another stage", task, "x.pdf", pdf("t"), "ACCEPTANCE_REPORT", "PUBLIC", 400,
                "DOCUMENT_TYPE_NOT_OF_STAGE"));
        c.add(multipart("unknown classification", task, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "TOP_SECRET", 400,
                "UNKNOWN_CLASSIFICATION"));
        c.add(multipart("lowercase classification", task, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "public", 400,
                "UNKNOWN_CLASSIFICATION"));
        c.add(multipart("SQL in document type", task, "x.pdf", pdf("t"), "' OR '1'='1", "PUBLIC", 400,
                "UNKNOWN_DOCUMENT_TYPE"));
        c.add(multipart("upload to a completed task", doneTask, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "PUBLIC", 409,
                "TASK_ALREADY_COMPLETED"));
        c.add(multipart("upload to an unknown task", "no-such-task", "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "PUBLIC",
                404, "TASK_NOT_FOUND"));
        c.add(multipartAs("upload by another department", "reviewer-fin", task, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN",
                "PUBLIC", 403, "NOT_YOUR_TASK"));
        c.add(multipartWithReplaces("replacing an unknown document", task, "doc-00000000000000000000000000000000", 400,
                "UNKNOWN_PREVIOUS_VERSION"));
        c.add(multipartWithReplaces("replacing with a traversal id", task, "../" + documentId, 400,
                "UNKNOWN_PREVIOUS_VERSION"));

        byte[] fullMultipart = multipartBody("b0undary", "x.pdf", pdf("truncated"), "IMPLEMENTATION_PLAN", "PUBLIC");
        int n = fullMultipart.length;
        // where the cut falls decides what the reader can tell: before any part, inside the fields, inside the file
        Object[][] cuts = {{1, "MISSING_FILE"}, {10, "MISSING_FILE"}, {30, "MALFORMED_MULTIPART"}, {60, "MALFORMED_MULTIPART"},
                {90, "MALFORMED_MULTIPART"}, {120, "MALFORMED_MULTIPART"}, {150, "MALFORMED_MULTIPART"},
                {180, "MALFORMED_MULTIPART"}, {200, "MALFORMED_MULTIPART"}, {n - 20, "UPLOAD_INCOMPLETE"},
                {n - 8, "UPLOAD_INCOMPLETE"}, {n - 5, "UPLOAD_INCOMPLETE"}};
        for (Object[] cut : cuts) {
            int at = (Integer) cut[0];
            c.add(new Hostile("truncated multipart at " + at + " of " + n + " bytes", "POST", "/api/tasks/" + task + "/documents",
                    "applicant", "multipart/form-data; boundary=b0undary", Arrays.copyOf(fullMultipart, at), 400,
                    (String) cut[1], null));
        }
        String field = "--b0undary\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n";
        byte[] withoutEnd = Arrays.copyOf(fullMultipart, n - "--b0undary--\r\n".length());
        c.add(multipartRaw("a field after the file", task, concat(withoutEnd, (field.formatted("replaces", documentId)
                + "--b0undary--\r\n").getBytes(StandardCharsets.UTF_8)), "UPLOAD_INCOMPLETE"));
        c.add(multipartRaw("a second file after the file", task, concat(withoutEnd, ("--b0undary\r\nContent-Disposition: "
                + "form-data; name=\"file\"; filename=\"y.pdf\"\r\n\r\n%PDF-1.4 second\r\n--b0undary--\r\n")
                .getBytes(StandardCharsets.UTF_8)), "UPLOAD_INCOMPLETE"));
        c.add(multipartRaw("an unknown field before the file", task,
                concat(field.formatted("role", "AUDITOR").getBytes(StandardCharsets.UTF_8), fullMultipart), "UNKNOWN_FIELD"));
        c.add(multipartRaw("a repeated field", task,
                concat(field.formatted("documentType", "BUDGET_ESTIMATE").getBytes(StandardCharsets.UTF_8), fullMultipart),
                "REPEATED_FIELD"));
        c.add(multipartRaw("a field of 5,000 bytes", task,
                concat(field.formatted("replaces", "d".repeat(5000)).getBytes(StandardCharsets.UTF_8), fullMultipart),
                "FIELD_TOO_LONG"));
        c.add(multipartRaw("a part header of 5,000 bytes", task, concat(("--b0undary\r\nContent-Disposition: form-data; "
                + "name=\"replaces\"\r\nX-Padding: " + "p".repeat(5000) + "\r\n\r\nx\r\n").getBytes(StandardCharsets.UTF_8),
                fullMultipart), "MALFORMED_MULTIPART"));
        c.add(new Hostile("multipart without a boundary", "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data", fullMultipart, 400, "MALFORMED_MULTIPART", null));
        c.add(new Hostile("multipart with the wrong boundary", "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=other", fullMultipart, 400, "MISSING_FILE", null));
        c.add(new Hostile("multipart without the file part", "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=b0undary",
                ("--b0undary\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nIMPLEMENTATION_PLAN\r\n--b0undary--\r\n")
                        .getBytes(StandardCharsets.UTF_8), 400, "MISSING_FILE", null));

        String completion = "{\"outcome\":\"SUBMIT\"}";
        String[][] contentTypes = {{"/api/projects", "text/plain", PROJECT}, {"/api/projects", "application/xml", PROJECT},
                {"/api/projects", "application/x-www-form-urlencoded", PROJECT},
                {"/api/projects", "multipart/form-data; boundary=x", PROJECT}, {"/api/projects", "image/png", PROJECT},
                {complete, "text/plain", completion}, {complete, "application/xml", completion},
                {"/api/tasks/" + task + "/documents", "application/json", PROJECT},
                {"/api/tasks/" + task + "/documents", "text/plain", PROJECT},
                {"/api/tasks/" + task + "/documents", "application/octet-stream", PROJECT}};
        for (String[] ct : contentTypes) {
            c.add(new Hostile("content type " + ct[1] + " on " + ct[0].replace(task, "{task}"), "POST", ct[0], "applicant",
                    ct[1], ct[2].getBytes(StandardCharsets.UTF_8), 415, "UNSUPPORTED_CONTENT_TYPE", null));
        }

        for (int i = 0; i < 5; i++) {
            c.add(json("replayed completion #" + i, "POST", "/api/tasks/" + doneTask + "/complete", "applicant", completion,
                    409, "TASK_ALREADY_COMPLETED"));
        }
        c.add(json("replayed claim of a completed task", "POST", "/api/tasks/" + doneTask + "/claim", "applicant", "{}",
                409, "TASK_ALREADY_COMPLETED"));

        // forged roles: the request is otherwise valid, so only the access rule can refuse it
        Object[][] forged = {{"reviewer-fin", "POST", "/api/projects", PROJECT, "ACCESS_DENIED"},
                {"approver", "POST", "/api/projects", PROJECT, "ACCESS_DENIED"},
                {"auditor", "POST", "/api/projects", PROJECT, "ACCESS_DENIED"},
                {"operator", "POST", "/api/projects", PROJECT, "ACCESS_DENIED"},
                {"reviewer-fin", "POST", complete, completion, "NOT_YOUR_TASK"},
                {"approver", "POST", complete, completion, "NOT_YOUR_TASK"},
                {"auditor", "POST", complete, completion, "ACCESS_DENIED"},
                {"operator", "POST", complete, completion, "ACCESS_DENIED"},
                {"operator", "GET", "/api/projects/" + projectId, null, "ACCESS_DENIED"},
                {"applicant", "GET", "/api/audit/projects/" + projectId, null, "ACCESS_DENIED"},
                {"applicant", "GET", "/api/ops/status", null, "ACCESS_DENIED"},
                {"reviewer-nr", "GET", "/api/audit/access-log", null, "ACCESS_DENIED"},
                {"operator", "GET", "/api/documents/" + documentId + "/content", null, "ACCESS_DENIED"}};
        for (Object[] f : forged) {
            String path = (String) f[2];
            byte[] body = f[3] == null ? null : ((String) f[3]).getBytes(StandardCharsets.UTF_8);
            c.add(new Hostile("role " + f[0] + " on " + f[1] + " " + path.replace(task, "{task}"), (String) f[1], path,
                    (String) f[0], body == null ? null : "application/json", body, 403, (String) f[4], null));
        }
        c.add(new Hostile("forged role header", "POST", "/api/projects", "reviewer-fin|X-Role: APPLICANT", "application/json",
                PROJECT.getBytes(StandardCharsets.UTF_8), 403, "ACCESS_DENIED", null));
        c.add(new Hostile("bearer token with no identity provider", "GET", "/api/projects", "bearer", null, null, 401,
                "UNAUTHENTICATED", null));
        c.add(new Hostile("wrong password", "GET", "/api/projects", "applicant:wrong", null, null, 401, "UNAUTHENTICATED", null));
        c.add(new Hostile("unknown user", "GET", "/api/projects", "mallory:x", null, null, 401, "UNAUTHENTICATED", null));
        c.add(new Hostile("malformed basic header", "GET", "/api/projects", "malformed-basic", null, null, 401,
                "UNAUTHENTICATED", null));
        // anonymous and without a session, a POST has no CSRF token: the CSRF check refuses it before sign-in would
        c.add(new Hostile("anonymous project creation", "POST", "/api/projects", null, "application/json",
                PROJECT.getBytes(StandardCharsets.UTF_8), 403, "ACCESS_DENIED", null));
        c.add(new Hostile("anonymous completion", "POST", complete, null, "application/json",
                completion.getBytes(StandardCharsets.UTF_8), 403, "ACCESS_DENIED", null));
        c.add(get("anonymous project read", "/api/projects/" + projectId, null, 401, "UNAUTHENTICATED"));

        String[] unknownIds = {"x", "prj-", "prj-" + "0".repeat(32), "prj-" + "G".repeat(32), "' or 1=1 --", "%E2%80%AE",
                "a".repeat(300)};
        for (String id : unknownIds) {
            c.add(get("unknown project id " + printable(id), "/api/projects/" + id, "auditor", 404, "PROJECT_NOT_FOUND"));
            c.add(get("unknown public project id " + printable(id), "/api/public/projects/" + id, null, 404,
                    "PROJECT_NOT_FOUND"));
            c.add(get("unknown document id " + printable(id), "/api/documents/" + id, "auditor", 404, "DOCUMENT_NOT_FOUND"));
            c.add(get("unknown receipt id " + printable(id), "/api/evidence/" + id + "/receipt", "auditor", 404,
                    "EVIDENCE_NOT_FOUND"));
            c.add(get("unknown certificate id " + printable(id), "/api/public/evidence/" + id, null, 404,
                    "EVIDENCE_NOT_FOUND"));
            c.add(get("unknown task id " + printable(id), "/api/tasks/" + id, "applicant", 404, "TASK_NOT_FOUND"));
        }
        // ids that are not even a path segment: refused before any controller, by the container or the firewall
        Object[][] badSegments = {{"%00", CONTAINER}, {"..%2e", "MALFORMED_REQUEST"},
                {"prj-00000000000000000000000000000000;drop", "MALFORMED_REQUEST"}};
        for (Object[] b : badSegments) {
            String id = (String) b[0];
            String code = (String) b[1];
            c.add(get("id " + printable(id) + " in a project path", "/api/projects/" + id, "auditor", 400, code));
            c.add(get("id " + printable(id) + " in a public project path", "/api/public/projects/" + id, null, 400, code));
            c.add(get("id " + printable(id) + " in a document path", "/api/documents/" + id, "auditor", 400, code));
            c.add(get("id " + printable(id) + " in a receipt path", "/api/evidence/" + id + "/receipt", "auditor", 400, code));
            c.add(get("id " + printable(id) + " in a certificate path", "/api/public/evidence/" + id, null, 400, code));
            c.add(get("id " + printable(id) + " in a task path", "/api/tasks/" + id, "applicant", 400, code));
        }
        String[] digests = {"", "abc", "g".repeat(64), "a".repeat(63), "a".repeat(65), " " + "a".repeat(64),
                "a".repeat(64) + "%00", "%27%20OR%201=1", "A".repeat(32) + "-".repeat(32)};
        for (String d : digests) {
            c.add(get("malformed digest " + printable(d), "/api/public/verify?sha256=" + d, null, 400, "INVALID_DIGEST"));
        }
        c.add(get("limit that is not a number", "/api/public/projects?limit=abc", null, 400, "MALFORMED_REQUEST"));
        c.add(get("offset that is not a number", "/api/projects?offset=%27", "auditor", 400, "MALFORMED_REQUEST"));
        c.add(get("range header beyond the file", "/api/documents/" + documentId + "/content", "auditor|Range: bytes=999999-",
                400, "INVALID_RANGE"));
        c.add(get("malformed range header", "/api/documents/" + documentId + "/content", "auditor|Range: bytes=x-y", 400,
                "INVALID_RANGE"));
        c.add(get("several ranges", "/api/documents/" + documentId + "/content", "auditor|Range: bytes=0-1,4-5", 400,
                "INVALID_RANGE"));
        c.add(new Hostile("DELETE a project", "DELETE", "/api/projects/" + projectId, "applicant", null, null, 405,
                "METHOD_NOT_ALLOWED", null));
        c.add(new Hostile("PUT a project", "PUT", "/api/projects/" + projectId, "applicant", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), 405, "METHOD_NOT_ALLOWED", null));
        c.add(new Hostile("PATCH a task", "PATCH", "/api/tasks/" + task, "applicant", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), 405, "METHOD_NOT_ALLOWED", null));
        c.add(new Hostile("DELETE a document", "DELETE", "/api/documents/" + documentId, "auditor", null, null, 405,
                "METHOD_NOT_ALLOWED", null));
        c.add(get("path with a semicolon", "/api/projects;jsessionid=x/" + projectId, "auditor", 400, "MALFORMED_REQUEST"));
        c.add(get("encoded slash in a path", "/api/projects/..%2F" + projectId, "auditor", 400, CONTAINER));
        c.add(get("double-encoded traversal", "/api/public/projects/%252e%252e%252f", null, 400, "MALFORMED_REQUEST"));
        c.add(get("backslash in a path", "/api/projects/..%5C" + projectId, "auditor", 400, CONTAINER));
        return c;
    }

    // --- building and sending ------------------------------------------------------------------------------

    private static Hostile json(String name, String method, String path, String user, String body, int status, String code) {
        return new Hostile(name, method, path, user, "application/json", body.getBytes(StandardCharsets.UTF_8), status, code,
                null);
    }

    private static Hostile get(String name, String path, String user, int status, String code) {
        return new Hostile(name, "GET", path, user, null, null, status, code, null);
    }

    private static Hostile multipart(String name, String task, String fileName, byte[] content, String type, String cls,
            int status, String code) {
        return multipartAs(name, "applicant", task, fileName, content, type, cls, status, code);
    }

    private static Hostile multipartAs(String name, String user, String task, String fileName, byte[] content,
            String type, String cls, int status, String code) {
        return new Hostile(name, "POST", "/api/tasks/" + task + "/documents", user, "multipart/form-data; boundary=b0undary",
                multipartBody("b0undary", fileName, content, type, cls), status, code, null);
    }

    private static Hostile multipartWithReplaces(String name, String task, String replaces, int status, String code) {
        byte[] body = multipartBody("b0undary", "x.pdf", pdf("r"), "IMPLEMENTATION_PLAN", "PUBLIC");
        byte[] extra = ("--b0undary\r\nContent-Disposition: form-data; name=\"replaces\"\r\n\r\n" + replaces + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return new Hostile(name, "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=b0undary", concat(extra, body), status, code, null);
    }

    private static Hostile multipartRaw(String name, String task, byte[] body, String code) {
        return new Hostile(name, "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=b0undary", body, 400, code, null);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] withBytes(String before, byte[] middle, String after) {
        return concat(concat(before.getBytes(StandardCharsets.UTF_8), middle), after.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] multipartBody(String boundary, String fileName, byte[] content, String type, String cls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n" + type + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"classification\"\r\n\r\n" + cls + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName.replace("\"", "%22") + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> send(Hostile h) throws Exception {
        URI uri;
        try {
            uri = URI.create("http://127.0.0.1:" + port + h.path());
        } catch (IllegalArgumentException e) {
            uri = URI.create("http://127.0.0.1:" + port + h.path().replace(" ", "%20").replace("'", "%27"));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        String user = h.user();
        if (user != null && user.contains("|")) {
            String[] parts = user.split("\\|", 2);
            String[] header = parts[1].split(": ", 2);
            b.header(header[0], header[1]);
            user = parts[0];
        }
        if (user != null) {
            switch (user) {
                case "bearer" -> b.header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJyZXNlcnZlX3JvbGUiOiJBVURJVE9SIn0.");
                case "malformed-basic" -> b.header("Authorization", "Basic !!!not-base64!!!");
                default -> b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user.contains(":") ? user : user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (h.contentType() != null) {
            b.header("Content-Type", h.contentType());
        }
        HttpRequest.BodyPublisher body = h.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(h.body());
        b.method(h.method(), body);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(ch -> b.append(ch < 0x20 || ch > 0x7E ? String.format("\\u%04x", ch) : String.valueOf((char) ch)));
        return b.toString();
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return jsonEscape(cut);
    }
}
