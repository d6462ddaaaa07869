package cn.landreserve.workflow.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.documents.EmbeddedS3Server;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.RunningServiceTest;
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
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hostile-input corpus: broken JSON, wrong types, huge fields, path-traversal and control-character file names,
 * Unicode tricks, wrong content types, truncated multipart bodies, replayed completions, forged roles, unknown ids.
 * Every request is answered 4xx with a clear message (no 5xx, no stack trace), and the database and the bucket are
 * identical before and after. (The access log grows by design: it records refused queries too.)
 */
class HostileInputTest extends RunningServiceTest {

    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedS3Server s3;

    record Hostile(String name, String method, String path, String user, String contentType, byte[] body) {}

    @Test
    void every_hostile_request_gets_a_clear_4xx_and_changes_nothing() throws Exception {
        Project project = openProject("敌意输入项目", true);
        String task = openTask(project, "Task_PrepareInitiation");
        var doc = upload(task, "applicant", "IMPLEMENTATION_PLAN", "INTERNAL", pdf("hostile " + project.id()));
        Project done = openProject("已完成任务项目", false);
        String doneTask = openTask(done, "Task_PrepareInitiation");
        upload(doneTask, "applicant", "IMPLEMENTATION_PLAN", "INTERNAL", pdf("a" + done.id()));
        upload(doneTask, "applicant", "SITE_TITLE_SURVEY", "INTERNAL", pdf("b" + done.id()));
        upload(doneTask, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("c" + done.id()));
        tasks.complete(doneTask, user("applicant"), "SUBMIT", "");
        runJobs();

        List<Hostile> corpus = corpus(project.id().value(), task, doneTask, doc.id());
        assertThat(corpus.size()).isGreaterThanOrEqualTo(200);

        String before = snapshot();
        List<String> report = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Hostile h : corpus) {
            HttpResponse<String> r = send(h);
            String body = r.body() == null ? "" : r.body();
            report.add(r.statusCode() + "  " + h.name());
            boolean json = r.headers().firstValue("Content-Type").orElse("").contains("json");
            boolean clear = !body.isBlank() && !body.contains("Exception") && !body.contains("\tat ")
                    && (!json || (body.contains("\"code\"") && body.contains("\"message\"")));
            if (r.statusCode() < 400 || r.statusCode() >= 500 || !clear) {
                wrong.add(h.name() + " → " + r.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
            }
        }
        Path out = Path.of("target", "hostile-input-report.txt");
        Files.writeString(out, corpus.size() + " hostile requests\n" + String.join("\n", report) + "\n");
        assertThat(wrong).as("requests not answered with a clear 4xx").isEmpty();
        assertThat(snapshot()).as("database and bucket after the corpus").isEqualTo(before);
    }

    // --- the corpus ----------------------------------------------------------------------------------------

    List<Hostile> corpus(String projectId, String task, String doneTask, String documentId) {
        List<Hostile> c = new ArrayList<>();
        String[] brokenJson = {"", "{", "}", "{\"name\":", "{\"name\" \"x\"}", "[1,2", "{\"a\":1,}", "nul", "{'name':'x'}",
                "\"just a string\"", "{\"name\":\"x\"}}", "{\"name\":\"\\u12\"}", "{\"name\":\"x\\q\"}", "{\"name\":tru}",
                "{\"areaSquareMeters\":1e999999}", "{\"areaSquareMeters\":NaN}", "{\"name\":\"x\",\"name\":", "\u0000",
                "{" + "\"a\":{".repeat(2000), "[" + "[".repeat(3000)};
        for (int i = 0; i < brokenJson.length; i++) {
            c.add(json("broken JSON #" + i + " creating a project", "POST", "/api/projects", "applicant", brokenJson[i]));
            c.add(json("broken JSON #" + i + " completing a task", "POST", "/api/tasks/" + task + "/complete", "applicant",
                    brokenJson[i]));
        }
        String[] wrongTypes = {"{\"name\":42,\"district\":\"d\",\"areaSquareMeters\":1}",
                "{\"name\":\"n\",\"district\":[],\"areaSquareMeters\":1}", "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":\"abc\"}",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":{}}", "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":-5}",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":0}", "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1.234}",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1e30}", "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"formerIndustrial\":\"yes\"}",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"published\":[true]}", "{\"name\":null,\"district\":\"d\",\"areaSquareMeters\":1}",
                "{\"name\":\"n\",\"areaSquareMeters\":1}", "{}", "[]", "42", "true", "null"};
        for (int i = 0; i < wrongTypes.length; i++) {
            c.add(json("wrong types #" + i + " creating a project", "POST", "/api/projects", "applicant", wrongTypes[i]));
        }
        String[] badCompletions = {"{\"outcome\":42}", "{\"outcome\":[\"SUBMIT\"]}", "{\"outcome\":{}}", "{\"outcome\":null}",
                "{}", "{\"outcome\":\"submit\"}", "{\"outcome\":\"SUBMIT \"}", "{\"outcome\":\"APPROVE\"}",
                "{\"outcome\":\"SUBMIT\",\"opinion\":42}", "{\"outcome\":\"' OR 1=1 --\"}", "{\"outcome\":\"SUBMIT\"}"};
        for (int i = 0; i < badCompletions.length; i++) {
            c.add(json("bad completion #" + i, "POST", "/api/tasks/" + task + "/complete", "applicant", badCompletions[i]));
        }
        String huge = "长".repeat(100_000);
        c.add(json("huge project name", "POST", "/api/projects", "applicant",
                "{\"name\":\"" + huge + "\",\"district\":\"d\",\"areaSquareMeters\":1}"));
        c.add(json("huge district", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"" + huge + "\",\"areaSquareMeters\":1}"));
        c.add(json("huge description", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1,\"description\":\"" + huge + "\"}"));
        c.add(json("huge opinion", "POST", "/api/tasks/" + task + "/complete", "applicant",
                "{\"outcome\":\"SUBMIT\",\"opinion\":\"" + huge + "\"}"));
        c.add(json("huge number", "POST", "/api/projects", "applicant",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":" + "9".repeat(5000) + "}"));
        c.add(get("huge search text", "/api/public/projects?q=" + "x".repeat(5000), null));
        c.add(get("huge digest", "/api/public/verify?sha256=" + "a".repeat(10_000), null));

        String[] unicode = {"a\u202Eb", "\u200B", "a\u200Bb", "\u2066x\u2069", "x\u0000y", "x\u0007y", "x\u001By[2J",
                "\uFEFFname", "a\uFFFDb", "\u202Dreversed", "x\r\ny"};
        for (int i = 0; i < unicode.length; i++) {
            c.add(json("Unicode trick #" + i + " in a project name", "POST", "/api/projects", "applicant",
                    "{\"name\":\"" + jsonEscape(unicode[i]) + "\",\"district\":\"d\",\"areaSquareMeters\":1}"));
            c.add(get("Unicode trick #" + i + " in a search", "/api/public/projects?q="
                    + java.net.URLEncoder.encode(unicode[i], StandardCharsets.UTF_8), null));
        }
        c.add(new Hostile("overlong UTF-8 in JSON", "POST", "/api/projects", "applicant", "application/json",
                new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}));
        c.add(new Hostile("invalid UTF-8 in JSON", "POST", "/api/projects", "applicant", "application/json",
                new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'}));

        String[] fileNames = {"../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "C:\\boot.ini", "a/../../b.pdf",
                "..", ".", "...", "", " ", "a\u0000b.pdf", "a\nb.pdf", "a\rb.pdf", "\u202Efdp.exe", "a\u200Bb.pdf",
                "x".repeat(300) + ".pdf", "file:name.pdf", "a\u0007.pdf", "%2e%2e%2fetc%2fpasswd", "..%2F..%2Fetc"};
        for (int i = 0; i < fileNames.length; i++) {
            c.add(multipart("file name #" + i + " " + printable(fileNames[i]), task, fileNames[i], pdf("n" + i),
                    "IMPLEMENTATION_PLAN", "PUBLIC"));
        }
        c.add(multipart("disallowed type: Windows executable", task, "x.pdf", new byte[] {'M', 'Z', 0, 0, 0, 0}, "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipart("disallowed type: ELF", task, "x.pdf", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipart("disallowed type: HTML with script", task, "x.html",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipart("disallowed type: SVG", task, "x.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8), "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipart("empty file", task, "x.pdf", new byte[0], "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipart("unknown document type", task, "x.pdf", pdf("t"), "NO_SUCH_TYPE", "PUBLIC"));
        c.add(multipart("document type of another stage", task, "x.pdf", pdf("t"), "ACCEPTANCE_REPORT", "PUBLIC"));
        c.add(multipart("unknown classification", task, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "TOP_SECRET"));
        c.add(multipart("lowercase classification", task, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "public"));
        c.add(multipart("SQL in document type", task, "x.pdf", pdf("t"), "' OR '1'='1", "PUBLIC"));
        c.add(multipart("upload to a completed task", doneTask, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipart("upload to an unknown task", "no-such-task", "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipartAs("upload by another department", "reviewer-fin", task, "x.pdf", pdf("t"), "IMPLEMENTATION_PLAN", "PUBLIC"));
        c.add(multipartWithReplaces("replacing an unknown document", task, "doc-00000000000000000000000000000000"));
        c.add(multipartWithReplaces("replacing with a traversal id", task, "../" + documentId));

        byte[] fullMultipart = multipartBody("b0undary", "x.pdf", pdf("truncated"), "IMPLEMENTATION_PLAN", "PUBLIC");
        int[] cuts = {1, 10, 30, 60, 90, 120, 150, 180, 200, fullMultipart.length - 20, fullMultipart.length - 8, fullMultipart.length - 5};
        for (int cut : cuts) {
            c.add(new Hostile("truncated multipart at " + cut + " of " + fullMultipart.length + " bytes", "POST",
                    "/api/tasks/" + task + "/documents", "applicant", "multipart/form-data; boundary=b0undary",
                    java.util.Arrays.copyOf(fullMultipart, Math.min(cut, fullMultipart.length))));
        }
        String field = "--b0undary\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n";
        byte[] withoutEnd = java.util.Arrays.copyOf(fullMultipart, fullMultipart.length - "--b0undary--\r\n".length());
        c.add(multipartRaw("a field after the file", task, concat(withoutEnd, (field.formatted("replaces", documentId)
                + "--b0undary--\r\n").getBytes(StandardCharsets.UTF_8))));
        c.add(multipartRaw("a second file after the file", task, concat(withoutEnd, ("--b0undary\r\nContent-Disposition: "
                + "form-data; name=\"file\"; filename=\"y.pdf\"\r\n\r\n%PDF-1.4 second\r\n--b0undary--\r\n")
                .getBytes(StandardCharsets.UTF_8))));
        c.add(multipartRaw("an unknown field before the file", task,
                concat(field.formatted("role", "AUDITOR").getBytes(StandardCharsets.UTF_8), fullMultipart)));
        c.add(multipartRaw("a repeated field", task,
                concat(field.formatted("documentType", "BUDGET_ESTIMATE").getBytes(StandardCharsets.UTF_8), fullMultipart)));
        c.add(multipartRaw("a field of 5,000 bytes", task,
                concat(field.formatted("replaces", "d".repeat(5000)).getBytes(StandardCharsets.UTF_8), fullMultipart)));
        c.add(multipartRaw("a part header of 5,000 bytes", task, concat(("--b0undary\r\nContent-Disposition: form-data; "
                + "name=\"replaces\"\r\nX-Padding: " + "p".repeat(5000) + "\r\n\r\nx\r\n").getBytes(StandardCharsets.UTF_8),
                fullMultipart)));
        c.add(new Hostile("multipart without a boundary", "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data", fullMultipart));
        c.add(new Hostile("multipart with the wrong boundary", "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=other", fullMultipart));
        c.add(new Hostile("multipart without the file part", "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=b0undary",
                ("--b0undary\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nIMPLEMENTATION_PLAN\r\n--b0undary--\r\n")
                        .getBytes(StandardCharsets.UTF_8)));

        String[][] contentTypes = {{"/api/projects", "text/plain"}, {"/api/projects", "application/xml"},
                {"/api/projects", "application/x-www-form-urlencoded"}, {"/api/projects", "multipart/form-data; boundary=x"},
                {"/api/tasks/" + task + "/complete", "text/plain"}, {"/api/tasks/" + task + "/complete", "application/xml"},
                {"/api/tasks/" + task + "/documents", "application/json"}, {"/api/tasks/" + task + "/documents", "text/plain"},
                {"/api/tasks/" + task + "/documents", "application/octet-stream"}, {"/api/projects", "image/png"}};
        for (String[] ct : contentTypes) {
            c.add(new Hostile("content type " + ct[1] + " on " + ct[0].replace(task, "{task}"), "POST", ct[0], "applicant", ct[1],
                    "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1}".getBytes(StandardCharsets.UTF_8)));
        }

        for (int i = 0; i < 5; i++) {
            c.add(json("replayed completion #" + i, "POST", "/api/tasks/" + doneTask + "/complete", "applicant",
                    "{\"outcome\":\"SUBMIT\"}"));
        }
        c.add(json("replayed claim of a completed task", "POST", "/api/tasks/" + doneTask + "/claim", "applicant", "{}"));

        String[][] forged = {{"reviewer-fin", "POST", "/api/projects"}, {"approver", "POST", "/api/projects"},
                {"auditor", "POST", "/api/projects"}, {"operator", "POST", "/api/projects"},
                {"reviewer-fin", "POST", "/api/tasks/" + task + "/complete"}, {"approver", "POST", "/api/tasks/" + task + "/complete"},
                {"auditor", "POST", "/api/tasks/" + task + "/complete"}, {"operator", "GET", "/api/projects/" + projectId},
                {"applicant", "GET", "/api/audit/projects/" + projectId}, {"applicant", "GET", "/api/ops/status"},
                {"reviewer-nr", "GET", "/api/audit/access-log"}, {"operator", "GET", "/api/documents/" + documentId + "/content"}};
        for (String[] f : forged) {
            c.add(new Hostile("role " + f[0] + " on " + f[1] + " " + f[2].replace(task, "{task}"), f[1], f[2], f[0],
                    "application/json", "{\"outcome\":\"SUBMIT\",\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1}"
                            .getBytes(StandardCharsets.UTF_8)));
        }
        c.add(new Hostile("forged role header", "POST", "/api/projects", "reviewer-fin|X-Role: APPLICANT", "application/json",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1}".getBytes(StandardCharsets.UTF_8)));
        c.add(new Hostile("bearer token with no identity provider", "GET", "/api/projects", "bearer", null, null));
        c.add(new Hostile("wrong password", "GET", "/api/projects", "applicant:wrong", null, null));
        c.add(new Hostile("unknown user", "GET", "/api/projects", "mallory:x", null, null));
        c.add(new Hostile("malformed basic header", "GET", "/api/projects", "malformed-basic", null, null));
        c.add(new Hostile("anonymous project creation", "POST", "/api/projects", null, "application/json",
                "{\"name\":\"n\",\"district\":\"d\",\"areaSquareMeters\":1}".getBytes(StandardCharsets.UTF_8)));
        c.add(new Hostile("anonymous completion", "POST", "/api/tasks/" + task + "/complete", null, "application/json",
                "{\"outcome\":\"SUBMIT\"}".getBytes(StandardCharsets.UTF_8)));

        String[] ids = {"x", "prj-", "prj-" + "0".repeat(32), "prj-" + "G".repeat(32), "' or 1=1 --", "%00", "..%2e",
                "prj-00000000000000000000000000000000;drop", "%E2%80%AE", "a".repeat(300)};
        for (String id : ids) {
            c.add(get("unknown project id " + printable(id), "/api/projects/" + id, "auditor"));
            c.add(get("unknown public project id " + printable(id), "/api/public/projects/" + id, null));
            c.add(get("unknown document id " + printable(id), "/api/documents/" + id, "auditor"));
            c.add(get("unknown receipt id " + printable(id), "/api/evidence/" + id + "/receipt", "auditor"));
            c.add(get("unknown certificate id " + printable(id), "/api/public/evidence/" + id, null));
            c.add(get("unknown task id " + printable(id), "/api/tasks/" + id, "applicant"));
        }
        String[] digests = {"", "abc", "g".repeat(64), "a".repeat(63), "a".repeat(65), " " + "a".repeat(64),
                "a".repeat(64) + "%00", "%27%20OR%201=1", "A".repeat(32) + "-".repeat(32)};
        for (String d : digests) {
            c.add(get("malformed digest " + printable(d), "/api/public/verify?sha256=" + d, null));
        }
        c.add(get("limit that is not a number", "/api/public/projects?limit=abc", null));
        c.add(get("offset that is not a number", "/api/projects?offset=%27", "auditor"));
        c.add(get("range header beyond the file", "/api/documents/" + documentId + "/content", "auditor|Range: bytes=999999-"));
        c.add(get("malformed range header", "/api/documents/" + documentId + "/content", "auditor|Range: bytes=x-y"));
        c.add(get("several ranges", "/api/documents/" + documentId + "/content", "auditor|Range: bytes=0-1,4-5"));
        c.add(new Hostile("DELETE a project", "DELETE", "/api/projects/" + projectId, "applicant", null, null));
        c.add(new Hostile("PUT a project", "PUT", "/api/projects/" + projectId, "applicant", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)));
        c.add(new Hostile("PATCH a task", "PATCH", "/api/tasks/" + task, "applicant", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)));
        c.add(new Hostile("DELETE a document", "DELETE", "/api/documents/" + documentId, "auditor", null, null));
        c.add(get("path with a semicolon", "/api/projects;jsessionid=x/" + projectId, "auditor"));
        c.add(get("encoded slash in a path", "/api/projects/..%2F" + projectId, "auditor"));
        c.add(get("double-encoded traversal", "/api/public/projects/%252e%252e%252f", null));
        c.add(get("backslash in a path", "/api/projects/..%5C" + projectId, "auditor"));
        return c;
    }

    // --- building and sending ------------------------------------------------------------------------------

    private static Hostile json(String name, String method, String path, String user, String body) {
        return new Hostile(name, method, path, user, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Hostile get(String name, String path, String user) {
        return new Hostile(name, "GET", path, user, null, null);
    }

    private static Hostile multipart(String name, String task, String fileName, byte[] content, String type, String cls) {
        return multipartAs(name, "applicant", task, fileName, content, type, cls);
    }

    private static Hostile multipartAs(String name, String user, String task, String fileName, byte[] content,
            String type, String cls) {
        return new Hostile(name, "POST", "/api/tasks/" + task + "/documents", user, "multipart/form-data; boundary=b0undary",
                multipartBody("b0undary", fileName, content, type, cls));
    }

    private static Hostile multipartWithReplaces(String name, String task, String replaces) {
        byte[] body = multipartBody("b0undary", "x.pdf", pdf("r"), "IMPLEMENTATION_PLAN", "PUBLIC");
        byte[] extra = ("--b0undary\r\nContent-Disposition: form-data; name=\"replaces\"\r\n\r\n" + replaces + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[extra.length + body.length];
        System.arraycopy(extra, 0, all, 0, extra.length);
        System.arraycopy(body, 0, all, extra.length, body.length);
        return new Hostile(name, "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=b0undary", all);
    }

    private static Hostile multipartRaw(String name, String task, byte[] body) {
        return new Hostile(name, "POST", "/api/tasks/" + task + "/documents", "applicant",
                "multipart/form-data; boundary=b0undary", body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The service's own tables, Camunda's runtime, and every object in the bucket. */
    private String snapshot() throws Exception {
        StringBuilder s = new StringBuilder();
        for (String table : List.of("reserve.project", "reserve.document", "reserve.decision", "reserve.seal",
                "reserve.escalation", "reserve.app_user", "public.act_ru_task", "public.act_ru_execution",
                "public.act_ru_variable", "public.act_ru_job", "public.act_ru_identitylink", "public.act_hi_taskinst")) {
            s.append(table).append(' ').append(jdbc.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
                    + table + " t").query(String.class).single()).append('\n');
        }
        try (Stream<Path> files = Files.walk(s3.blobDirectory())) {
            s.append(files.filter(Files::isRegularFile).map(f -> {
                try {
                    return s3.blobDirectory().relativize(f) + " " + Files.size(f);
                } catch (java.io.IOException e) {
                    return f + " ?";
                }
            }).sorted().collect(Collectors.joining("\n")));
        }
        return s.toString();
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
