package cn.landreserve.workflow.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.landreserve.workflow.support.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in headless Chromium against the whole service in this JVM: an applicant completes a task with
 * uploads, an approver approves, an anonymous visitor verifies a published document in the browser and sees an
 * altered copy refused; auditor and operator pages; every page without console errors, at 1280×800 and at a
 * phone's width. Screenshots go to target/screenshots. Without Chromium or chromedriver: skipped, but failed
 * under {@code CI=true}.
 */
class BrowserUiTest extends BrowserTestClass {

    private static final String PASSWORD = "demo-pass";
    private static final Duration ANCHORING = Duration.ofSeconds(90);
    private static final Pattern PROJECT_ROUTE = Pattern.compile("#/projects/(prj-[0-9a-f]{32})");

    private Path temp;

    private String projectId;
    private final byte[] plan = TestFiles.pdf("implementation plan of the north works site", 1_500_000);
    private final byte[] survey = TestFiles.pdf("site and title survey", 40_000);
    private final byte[] budget = TestFiles.pdf("budget estimate", 20_000);
    private final byte[] approval = TestFiles.pdf("initiation approval", 10_000);

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        this.temp = temp;
        startService(temp, PASSWORD, "reserve.demo.sample-projects=false");
    }

    @Test
    @Order(1)
    void an_applicant_signs_in_opens_a_project_and_completes_its_first_task_with_uploads() throws IOException {
        signIn("applicant");
        browser.await("main h1");
        assertEquals("我的待办", browser.text("main h1"), "Chinese is the default language");
        browser.assertFitsWidth("tasks (empty)");

        browser.click("#new-project");
        browser.await("#project-name");
        browser.type("#project-name", "城北旧厂区地块收储项目");
        browser.type("#project-district", "城北区");
        browser.type("#project-area", "12000.5");
        browser.type("#project-description", "原纺织厂用地，拟收储后用于保障性住房。");
        browser.screenshot("project-new");
        browser.click("#project-create");
        browser.awaitTrue("the new project's page opens", Duration.ofSeconds(20),
                () -> PROJECT_ROUTE.matcher(browser.driver().getCurrentUrl()).find());
        Matcher route = PROJECT_ROUTE.matcher(browser.driver().getCurrentUrl());
        assertTrue(route.find());
        projectId = route.group(1);
        browser.await("ol.stepper li.current[data-stage=INITIATION]");

        browser.awaitAfterReloads("/tasks", "[data-element=Task_PrepareInitiation]", ANCHORING);
        browser.screenshot("tasks");
        browser.click("[data-open-task=Task_PrepareInitiation]");
        browser.await("[data-checklist=incomplete]");

        Path dir = Files.createDirectories(temp.resolve("files"));
        List<Path> files = List.of(write(dir, "实施方案.pdf", plan), write(dir, "权属调查.pdf", survey), write(dir, "资金测算.pdf", budget));
        browser.choose("[data-dropzone=documents]", files);
        browser.awaitTrue("three files queued", Duration.ofSeconds(10), () -> browser.all("#upload-queue > li").size() == 3);
        chooseType("实施方案.pdf", "IMPLEMENTATION_PLAN", "PUBLIC");
        chooseType("权属调查.pdf", "SITE_TITLE_SURVEY", "INTERNAL");
        chooseType("资金测算.pdf", "BUDGET_ESTIMATE", "INTERNAL");
        browser.screenshot("task-queued");
        browser.click("#upload-start");
        browser.awaitTrue("all three uploaded", Duration.ofSeconds(60),
                () -> browser.all("#upload-queue [data-upload-status=done]").size() == 3);
        for (WebElement bar : browser.all("#upload-queue progress")) {
            assertEquals("100", bar.getDomProperty("value"), "each file's progress bar ends full");
        }
        browser.await("[data-checklist=complete]");
        browser.screenshot("task-uploaded");

        browser.type("textarea[name=opinion]", "立项材料已齐备，请予审查。");
        browser.click("#complete-task");
        browser.await("#task-completed");
        browser.screenshot("task-completed");
        browser.assertNoConsoleErrors("the applicant's pages");
    }

    @Test
    @Order(2)
    void the_departments_review_and_the_approver_approves_with_an_approval_document() throws IOException {
        complete("reviewer-nr", "Task_ReviewNaturalResources", "APPROVE", "符合国土空间规划。");
        complete("reviewer-eco", "Task_ReviewEcology", "APPROVE", "不涉及生态保护红线。");
        complete("reviewer-fin", "Task_ReviewFinance", "APPROVE", "资金来源已落实。");

        signIn("approver");
        browser.awaitAfterReloads("/tasks", "[data-element=Task_ApproveInitiation]", ANCHORING);
        browser.click("[data-open-task=Task_ApproveInitiation]");
        browser.await("[data-checklist=incomplete]");
        browser.drop("[data-dropzone=documents]", "立项批复.pdf", approval);
        browser.await("#upload-queue > li");
        assertEquals("INITIATION_APPROVAL", new Select(browser.driver().findElement(
                org.openqa.selenium.By.cssSelector("#upload-queue select[data-field=documentType]"))).getFirstSelectedOption().getDomProperty("value"));
        browser.click("#upload-start");
        browser.await("#upload-queue [data-upload-status=done]", Duration.ofSeconds(30));
        browser.await("[data-checklist=complete]");
        browser.click("input[data-outcome=APPROVE]");
        browser.type("textarea[name=opinion]", "同意立项。");
        browser.screenshot("approval");
        browser.click("#complete-task");
        browser.await("#task-completed");

        browser.open("/projects/" + projectId);
        browser.await("ol.stepper li.current[data-stage=ACQUISITION]", ANCHORING);
        // the approver publishes the project: a new version of its facts, public once anchored
        browser.type("#publication-reason", "依法公示储备项目信息。");
        browser.screenshot("publication");
        browser.click("#publication-submit");
        browser.await("[data-kind=PROJECT] + [data-kind=PROJECT], [data-kind=PROJECT] ~ [data-kind=PROJECT]", ANCHORING);
        browser.awaitTrue("every piece of evidence anchored", ANCHORING,
                () -> browser.all("#timeline [data-anchor=PENDING]").isEmpty() && !browser.all("#timeline [data-anchor=ANCHORED]").isEmpty());
        List<WebElement> transactions = browser.all("#timeline code[data-tx]");
        assertEquals(11, browser.all("#timeline [data-evidence]").size(),
                "2 versions of the project's facts (created, published), 4 documents and 5 decisions");
        assertEquals(11, transactions.size(), "each item shows its transaction id");
        transactions.forEach(tx -> assertFalse(tx.getDomAttribute("data-tx").isBlank()));
        browser.screenshot("project");
        browser.assertNoConsoleErrors("the approver's pages");
    }

    @Test
    @Order(3)
    void an_anonymous_visitor_verifies_a_published_document_and_sees_an_altered_copy_refused() throws IOException {
        signOut();
        browser.open("/public");
        WebElement listed = browser.await("#public-results [data-project='" + projectId + "'] a");
        browser.screenshot("public");
        listed.click();
        browser.await("#public-evidence");
        browser.screenshot("public-project");

        String sha256 = TestFiles.sha256(plan);
        JsonNode expected = ApiClient.anonymous(port).get("/api/public/verify?sha256=" + sha256).json().get("matches").get(0);
        browser.open("/verify");
        browser.await("[data-dropzone=verify-file]");
        browser.drop("[data-dropzone=verify-file]", "实施方案.pdf", plan);
        WebElement verdict = browser.await("#verify-result [data-verified]", Duration.ofSeconds(20));
        assertEquals("true", verdict.getDomAttribute("data-verified"));
        assertEquals(sha256, browser.text("#verify-sha256"), "the digest computed in the browser");
        assertEquals(expected.get("txId").asText(), browser.await("#verify-result code[data-tx]").getText());
        assertTrue(browser.text("#verify-result").contains("验证通过"));
        assertOnlyTheDigestLeft(sha256);
        browser.screenshot("verify-verified");

        browser.drop("[data-dropzone=verify-file]", "实施方案-改.pdf", TestFiles.altered(plan));
        browser.awaitTrue("the altered copy is refused", Duration.ofSeconds(20),
                () -> !browser.all("#verify-result [data-verified=false]").isEmpty());
        assertTrue(browser.text("#verify-result").contains("未通过验证"));
        browser.screenshot("verify-refused");

        String evidenceId = expected.get("evidenceId").asText();
        browser.open("/certificate/" + evidenceId);
        browser.await("#certificate [data-tx]");
        browser.awaitTrue("the QR code is shown", Duration.ofSeconds(10), () -> ((Number) browser.script(
                "const i = document.getElementById('certificate-qr'); return i && i.complete ? i.naturalWidth : 0")).intValue() > 0);
        browser.drop("[data-dropzone=certificate-file]", "实施方案.pdf", plan);
        assertEquals("true", browser.await("#certificate-compare [data-verified]").getDomAttribute("data-verified"));
        browser.screenshot("certificate");
        browser.assertNoConsoleErrors("the public pages");
    }

    @Test
    @Order(4)
    void an_auditor_verifies_a_file_and_audits_the_project_and_an_operator_sees_the_service_health() throws IOException {
        signIn("auditor");
        browser.await("[data-dropzone=audit-file]");
        browser.drop("[data-dropzone=audit-file]", "资金测算.pdf", budget);
        assertEquals("true", browser.await("#audit-verify-result [data-verified]", Duration.ofSeconds(20)).getDomAttribute("data-verified"));
        browser.screenshot("audit");

        browser.click("[data-audit='" + projectId + "']");
        WebElement verdict = browser.await("#audit-verdict", Duration.ofSeconds(30));
        assertEquals("true", verdict.getDomAttribute("data-all-ok"), browser.text("#audit-result"));
        assertTrue(browser.all("#audit-items tr[data-status=OK]").size() >= 9);
        String receiptHref = browser.all("#audit-items a[download]").get(0).getDomAttribute("href");
        assertEquals(200L, ((Number) browser.driver().executeAsyncScript(
                "fetch(arguments[0]).then(r => arguments[1](r.status))", receiptHref)).longValue(), "a receipt downloads");
        assertEquals(200L, ((Number) browser.driver().executeAsyncScript(
                "fetch(arguments[0]).then(r => arguments[1](r.status))", browser.driver().findElement(
                        org.openqa.selenium.By.id("receipts-zip")).getDomAttribute("href"))).longValue(), "the receipts zip downloads");
        browser.screenshot("audit-project");
        browser.assertNoConsoleErrors("the auditor's pages");

        signIn("operator");
        browser.await("#ops-status [data-health]");
        browser.await("[data-backlog=pendingJobs]");
        browser.screenshot("ops");
        browser.assertNoConsoleErrors("the operator's page");
    }

    @Test
    @Order(6)
    void a_long_project_list_shows_fifty_and_loads_the_rest_on_request() throws IOException {
        ApiClient applicant = ApiClient.as(port, "applicant", PASSWORD);
        for (int i = 1; i <= 50; i++) {
            var created = applicant.postJson("/api/projects", java.util.Map.of("name", "分页测试地块" + i, "district", "城南区",
                    "areaSquareMeters", 1000 + i, "formerIndustrial", false));
            assertEquals(201, created.status(), created.text());
        }
        int total = applicant.get("/api/projects?limit=500").json().size();
        assertTrue(total > 50, "more projects than one page: " + total);

        signIn("applicant");
        browser.open("/projects");
        browser.awaitTrue("the first page", Duration.ofSeconds(20), () -> browser.all("#project-list > li").size() == 50);
        assertEquals("分页测试地块50", browser.all("#project-list > li h3").get(0).getText(), "newest first");
        assertTrue(browser.await("[data-load-more]").isDisplayed(), "a full page offers more");
        browser.click("[data-load-more]");
        browser.awaitTrue("the rest", Duration.ofSeconds(20), () -> browser.all("#project-list > li").size() == total);
        assertFalse(browser.all("[data-load-more]").get(0).isDisplayed(), "nothing more to load, no button");
        browser.screenshot("projects-paged");
        browser.assertNoConsoleErrors("the paged project list");
        signOut();
    }

    @Test
    @Order(7)
    void refusals_are_shown_in_chinese_beside_what_caused_them() throws IOException {
        signIn("applicant");
        browser.awaitAfterReloads("/tasks", "[data-element=Task_RecordAcquisition]", ANCHORING);
        browser.click("[data-open-task=Task_RecordAcquisition]");
        browser.await("[data-checklist=incomplete]");

        // A Windows program under a PDF name: the server detects the type from the bytes and refuses it.
        browser.drop("[data-dropzone=documents]", "补偿协议.pdf", new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0});
        browser.await("#upload-queue > li");
        browser.click("#upload-start");
        WebElement failed = browser.await("#upload-queue [data-upload-status=failed]", Duration.ofSeconds(30));
        assertTrue(failed.getText().contains("不支持的文件类型"), failed.getText());

        // Completing while the stage's documents are missing: the server's refusal, in words, with what is missing.
        browser.click("#complete-task");
        WebElement missing = browser.await("[data-error=MISSING_DOCUMENTS]");
        assertTrue(missing.getText().startsWith("本阶段材料不全，尚缺："), missing.getText());
        assertEquals(1, ApiClient.as(port, "applicant", PASSWORD).get("/api/projects/" + projectId + "/tasks").json()
                .findValuesAsText("elementId").stream().filter("Task_RecordAcquisition"::equals).count(),
                "the task is still open");
        browser.screenshot("task-refusals");
        // the two refusals, and nothing else, are in the console (a browser logs every 4xx it loads)
        List<String> logged = browser.severeConsoleEntries();
        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("/documents") && logged.get(0).contains("415"), logged.toString());
        assertTrue(logged.get(1).contains("/complete") && logged.get(1).contains("422"), logged.toString());
        signOut();
    }

    @Test
    @Order(5)
    void every_page_fits_a_phone_and_speaks_english_when_asked() throws IOException {
        List<String> problems = new ArrayList<>();
        signIn("applicant");
        browser.phone();
        try {
            phonePage("tasks", "/tasks", "#task-list", problems);
            phonePage("projects", "/projects", "#project-list", problems);
            phonePage("project", "/projects/" + projectId, "#timeline", problems);
            phonePage("project-new", "/projects/new", "#project-name", problems);
            browser.awaitAfterReloads("/tasks", "[data-element=Task_RecordAcquisition]", ANCHORING);
            browser.click("[data-open-task=Task_RecordAcquisition]");
            browser.await("#checklist");
            checkPhone("task", problems);

            signOut();
            String evidenceId = ApiClient.anonymous(port).get("/api/public/verify?sha256=" + TestFiles.sha256(plan))
                    .json().get("matches").get(0).get("evidenceId").asText();
            phonePage("public", "/public", "#public-results", problems);
            phonePage("public-project", "/public/projects/" + projectId, "#public-evidence", problems);
            phonePage("verify", "/verify", "[data-dropzone=verify-file]", problems);
            phonePage("certificate", "/certificate/" + evidenceId, "#certificate", problems);
            phonePage("login", "/login", "#username", problems);
        } finally {
            browser.desktop();
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        browser.open("/public");
        browser.await("[data-lang-switch=en]").click();
        browser.awaitTrue("English", Duration.ofSeconds(10), () -> "Published land reserve projects".equals(browser.text("main h1")));
        assertEquals("en", browser.script("return document.documentElement.lang"));
        browser.screenshot("public-en");
        browser.open("/verify", true);
        browser.awaitTrue("English is remembered", Duration.ofSeconds(10), () -> "Verify a document".equals(browser.text("main h1")));
        browser.await("[data-lang-switch=zh-CN]").click();
        browser.awaitTrue("back to Chinese", Duration.ofSeconds(10), () -> "文件验证".equals(browser.text("main h1")));
        browser.assertNoConsoleErrors("language switching");
    }

    private void phonePage(String name, String route, String css, List<String> problems) throws IOException {
        browser.open(route);
        browser.await(css, Duration.ofSeconds(20));
        checkPhone(name, problems);
    }

    private void checkPhone(String name, List<String> problems) throws IOException {
        browser.screenshot("phone-" + name);
        try {
            browser.assertFitsWidth(name);
            browser.assertNoConsoleErrors(name);
        } catch (AssertionError e) {
            problems.add(e.getMessage());
        }
    }

    @Test
    @Order(8)
    void the_three_administrators_change_their_one_time_passwords_and_do_their_own_duties() throws IOException {
        Path file = temp.resolve("data").resolve("admin-initial-passwords.txt");
        Map<String, String> oneTime = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#")) {
                oneTime.put(line.split("\t")[0], line.split("\t")[2]);
            }
        }
        firstSignIn("sysadmin", oneTime.get("sysadmin"));
        browser.await("#users-table");
        assertEquals("账号与部门", browser.text("main h1"));
        browser.type("#new-username", "zhao-li");
        browser.type("#new-display-name", "赵丽（土地储备中心）");
        browser.click("#create-user button[type=submit]");
        String userOneTime = browser.await("#one-time-password code[data-one-time='zhao-li']", Duration.ofSeconds(10)).getText();
        assertTrue(userOneTime.length() >= 16, userOneTime);
        browser.await("#users-table tr[data-username='zhao-li']");
        browser.screenshot("admin-users");
        browser.assertNoConsoleErrors("the system administrator's page");

        firstSignIn("secadmin", oneTime.get("secadmin"));
        browser.await("#roles-table tr[data-username='zhao-li']");
        new Select(browser.driver().findElement(org.openqa.selenium.By.cssSelector("select[data-role-of='zhao-li']")))
                .selectByValue("APPLICANT");
        browser.click("#roles-table tr[data-username='zhao-li'] button[data-action=assign]");
        browser.await("#admin-status .notice--ok", Duration.ofSeconds(10));
        browser.await("#policy-form #policy-lockoutThreshold");
        browser.screenshot("admin-security");
        browser.assertNoConsoleErrors("the security administrator's page");

        firstSignIn("auditadmin", oneTime.get("auditadmin"));
        browser.await("#admin-log-table tr[data-action=ROLE_ASSIGNED]", Duration.ofSeconds(10));
        browser.await("#admin-log [data-chain=intact]");
        browser.await("#access-log [data-chain]");
        browser.screenshot("admin-audit");
        browser.assertNoConsoleErrors("the audit administrator's page");

        firstSignIn("zhao-li", userOneTime);
        browser.await("#tasks, main h1");
        signOut();
        browser.await("#logout-status");
        assertEquals("退出登录", browser.text("main h1"));
    }

    /** Signs in with a one-time password: only the account page opens, where the password is changed first. */
    private void firstSignIn(String username, String oneTimePassword) {
        signOut();
        browser.open("/login", true);
        browser.await("#username");
        browser.type("#username", username);
        browser.type("#password", oneTimePassword);
        browser.click("#login-submit");
        browser.await("#password-change-required", Duration.ofSeconds(10));
        browser.type("#current-password", oneTimePassword);
        browser.type("#new-password", "Zq7#wind-river");
        browser.type("#repeat-password", "Zq7#wind-river");
        browser.click("#change-password");
        browser.awaitTrue(username + " leaves the account page", Duration.ofSeconds(10),
                () -> !browser.driver().getCurrentUrl().endsWith("#/account"));
        browser.await("main h1");
    }

    private void signIn(String username) {
        signInThroughLoginPage(username, PASSWORD);
        browser.awaitTrue("signed in as " + username, Duration.ofSeconds(10),
                () -> !browser.all("[data-user='" + username + "']").isEmpty());
        browser.await("main h1");
    }

    private void signOut() {
        if (!browser.all("#logout").isEmpty()) {
            browser.click("#logout");
            browser.await("#login-link");
        }
    }

    private void chooseType(String fileName, String documentType, String classification) {
        String row = "#upload-queue li[data-file='" + fileName + "'] ";
        new Select(browser.driver().findElement(org.openqa.selenium.By.cssSelector(row + "select[data-field=documentType]")))
                .selectByValue(documentType);
        new Select(browser.driver().findElement(org.openqa.selenium.By.cssSelector(row + "select[data-field=classification]")))
                .selectByValue(classification);
    }

    /** The verify page sent a digest and never the file: its only API calls are GETs with the digest in the query. */
    private void assertOnlyTheDigestLeft(String sha256) {
        @SuppressWarnings("unchecked")
        List<String> calls = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/api/public/verify'))");
        assertFalse(calls.isEmpty());
        calls.forEach(url -> assertTrue(url.endsWith("sha256=" + sha256), url));
        @SuppressWarnings("unchecked")
        List<String> uploads = (List<String>) browser.script(
                "return performance.getEntriesByType('resource').filter(e => e.initiatorType === 'xmlhttprequest').map(e => e.name)");
        assertTrue(uploads.stream().noneMatch(u -> u.contains("verify")), "no upload from the verify page: " + uploads);
    }

    /** A reviewer's decision through the API (HTTP Basic), once the task has appeared. */
    private void complete(String username, String element, String outcome, String opinion) {
        ApiClient api = ApiClient.as(port, username, PASSWORD);
        String taskId = null;
        long deadline = System.nanoTime() + ANCHORING.toNanos();
        while (taskId == null) {
            for (JsonNode task : api.get("/api/projects/" + projectId + "/tasks").json()) {
                if (element.equals(task.get("elementId").asText())) {
                    taskId = task.get("id").asText();
                }
            }
            if (taskId == null) {
                assertTrue(System.nanoTime() < deadline, element + " did not appear");
                sleep(300);
            }
        }
        ApiClient.Response done = api.postJson("/api/tasks/" + taskId + "/complete", Map.of("outcome", outcome, "opinion", opinion));
        assertEquals(200, done.status(), done.text());
    }

    private static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
