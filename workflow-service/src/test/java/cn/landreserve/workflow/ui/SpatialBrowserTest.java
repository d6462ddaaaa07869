package cn.landreserve.workflow.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.landreserve.workflow.supervision.TestPhotos;
import cn.landreserve.workflow.support.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The maps and the inspection form in headless Chromium: the ecology reviewer's overlap map and table (parcels over
 * an imported red line, drawn as SVG from the service's own GeoJSON, no tiles), and an inspector recording an
 * occupation with a photo from a phone-width page. Screenshots in {@code target/screenshots/}.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SpatialBrowserTest extends BrowserTestClass {

    private static final String PASSWORD = "demo-pass";
    private static final Duration ANCHORING = Duration.ofSeconds(90);
    private static final String ZONE_39 = "EPSG:4527";

    private Path temp;
    private String projectId;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        this.temp = temp;
        startService(temp, PASSWORD, "reserve.demo.sample-projects=false",
                "reserve.workflow.document-anchor-interval=PT1S");
    }

    @Test
    @Order(1)
    void the_ecology_reviewer_sees_the_parcel_over_the_red_line_with_its_overlap_and_must_give_an_opinion()
            throws IOException {
        ApiClient operator = api("operator");
        ApiClient.Response line = operator.postJson("/api/red-line", "{\"geojson\":" + collection(ZONE_39,
                feature("生态保护红线", ring(39_500_050, 4_000_000 - 200, 39_500_400, 4_000_300))) + "}");
        assertEquals(201, line.status(), line.text());

        ApiClient applicant = api("applicant");
        ApiClient.Response created = applicant.postJson("/api/projects", Map.of("name", "红线叠加地图项目",
                "district", "城东区", "areaSquareMeters", 10000, "formerIndustrial", false));
        assertEquals(201, created.status(), created.text());
        projectId = created.json().get("id").asText();
        ApiClient.Response parcels = applicant.putJson("/api/projects/" + projectId + "/parcels", "{\"geojson\":"
                + collection(ZONE_39, feature("一号地块", ring(39_500_000, 4_000_000, 39_500_100, 4_000_100)))
                + ",\"reason\":\"勘测定界\"}");
        assertEquals(200, parcels.status(), parcels.text());
        completeWith("applicant", "Task_PrepareInitiation", "SUBMIT", "请审查",
                List.of("IMPLEMENTATION_PLAN", "SITE_TITLE_SURVEY", "BUDGET_ESTIMATE"));

        signIn("reviewer-eco");
        String task = taskId("reviewer-eco", "Task_ReviewEcology");
        browser.open("/tasks/" + task);
        browser.await("#overlap-table", Duration.ofSeconds(30));
        WebElement share = browser.await("[data-parcel='一号地块'] [data-overlap-share]");
        assertEquals("0.5", share.getDomAttribute("data-overlap-share"));
        assertTrue(share.getText().startsWith("50"), share.getText());
        assertEquals("OPINION_REQUIRED", browser.await("[data-overlap-status]").getDomAttribute("data-overlap-status"));
        assertEquals(1, browser.all("svg.vmap [data-layer=parcels] path[data-beyond=true]").size(), "the parcel is drawn, marked");
        assertEquals(1, browser.all("svg.vmap [data-layer=redline] path").size(), "the red line is drawn");
        assertTrue(((Number) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => !e.name.startsWith(location.origin)).length")).intValue() == 0,
                "every asset and layer comes from the service itself");
        browser.screenshot("review-overlap-map");
        browser.assertNoConsoleErrors("the overlap review");

        // Approving without an opinion: the server's refusal (a 422, which the browser logs), shown in Chinese.
        browser.click("#complete-task");
        WebElement refusal = browser.await("[data-error=OVERLAP_NEEDS_OPINION]", Duration.ofSeconds(20));
        assertTrue(refusal.getText().contains("生态保护红线"), refusal.getText());
        browser.screenshot("review-overlap-refused");
        // reading the browser's log empties it: the deliberate 422 is consumed here, asserted to be the only entry
        List<String> logged = browser.severeConsoleEntries();
        assertTrue(logged.size() == 1 && logged.get(0).contains(" 422 "), logged.toString());
    }

    @Test
    @Order(2)
    void an_inspector_records_an_occupation_with_a_photo_on_a_phone() throws IOException {
        ApiClient.Response answer = api("reviewer-eco").postJson("/api/tasks/" + taskId("reviewer-eco", "Task_ReviewEcology")
                + "/complete", Map.of("outcome", "APPROVE", "opinion", "压占部分将调出，同意。"));
        assertEquals(200, answer.status(), answer.text());
        completeWith("reviewer-nr", "Task_ReviewNaturalResources", "APPROVE", "同意", List.of());
        completeWith("reviewer-fin", "Task_ReviewFinance", "APPROVE", "同意", List.of());
        completeWith("approver", "Task_ApproveInitiation", "APPROVE", "同意立项", List.of("INITIATION_APPROVAL"));
        completeWith("applicant", "Task_RecordAcquisition", "SUBMIT", "",
                List.of("ACQUISITION_CONTRACT", "PAYMENT_PROOF", "TITLE_RECORD"));
        completeWith("reviewer-fin", "Task_ConfirmPayment", "CONFIRM", "", List.of());
        completeWith("reviewer-nr", "Task_ConfirmReserveEntry", "CONFIRM", "", List.of("RESERVE_ENTRY_CONFIRMATION"));
        taskId("applicant", "Task_PrepareSite"); // the land is in the reserve

        // a photo taken now, 1 km east of the parcel (zone 39's meridian is 117°E; the parcel is at about 117.0°E 36.1°N)
        JsonNode geo = api("inspector").get("/api/projects/" + projectId + "/parcels").json().get("geojson");
        double lon = geo.at("/features/0/geometry/coordinates/0/0/0").asDouble();
        double lat = geo.at("/features/0/geometry/coordinates/0/0/1").asDouble();
        Path photo = Files.write(Files.createDirectories(temp.resolve("photos")).resolve("IMG_0001.jpg"),
                TestPhotos.jpeg(Instant.now(), lon + 0.011, lat));

        signIn("inspector");
        browser.phone();
        try {
            browser.open("/inspections");
            browser.await("[data-inspect='" + projectId + "']", Duration.ofSeconds(20)).click();
            browser.await("#inspection-form");
            assertEquals("environment", browser.await("#photos").getDomAttribute("capture"), "the camera opens");
            new Select(browser.await("#finding")).selectByValue("OCCUPATION");
            browser.type("#notes", "地块东侧发现临时堆放建材。");
            browser.await("#photos").sendKeys(photo.toAbsolutePath().toString());
            browser.screenshot("phone-inspection-form");
            browser.click("#inspection-submit");
            WebElement recorded = browser.await("[data-inspection]", Duration.ofSeconds(30));
            assertTrue(recorded.getText().contains("整改"), recorded.getText());
            WebElement checked = browser.await("[data-photo='1']");
            assertEquals("true", checked.getDomAttribute("data-flagged"));
            assertTrue(checked.getText().contains("拍摄位置不在地块内"), checked.getText());
            assertEquals(1, browser.all("svg.vmap [data-layer=points] circle").size(), "the photo's position is drawn");
            browser.assertFitsWidth("inspection form");
            browser.screenshot("phone-inspection-recorded");
            browser.assertNoConsoleErrors("the inspection form");
        } finally {
            browser.desktop();
        }
        // the rectification runs in its own process: it is in the agency's task list
        JsonNode rectify = api("applicant").get("/api/tasks").json();
        assertTrue(rectify.findValuesAsText("elementId").contains("Task_Rectify"), rectify.toString());
    }

    private ApiClient api(String user) {
        return ApiClient.as(port, user, PASSWORD);
    }

    private String taskId(String user, String element) {
        long deadline = System.nanoTime() + ANCHORING.toNanos();
        while (true) {
            for (JsonNode task : api(user).get("/api/projects/" + projectId + "/tasks").json()) {
                if (element.equals(task.get("elementId").asText())) {
                    return task.get("id").asText();
                }
            }
            assertTrue(System.nanoTime() < deadline, element + " did not appear");
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void completeWith(String user, String element, String outcome, String opinion, List<String> types) {
        String task = taskId(user, element);
        for (String type : types) {
            ApiClient.Response up = api(user).upload("/api/tasks/" + task + "/documents", type + ".pdf",
                    ("%PDF-1.4\n" + type + " " + projectId + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII),
                    "documentType", type, "classification", "INTERNAL");
            assertEquals(201, up.status(), up.text());
        }
        ApiClient.Response done = api(user).postJson("/api/tasks/" + task + "/complete",
                Map.of("outcome", outcome, "opinion", opinion));
        assertEquals(200, done.status(), done.text());
    }

    private void signIn(String username) {
        signInThroughLoginPage(username, PASSWORD);
        browser.awaitTrue("signed in as " + username, Duration.ofSeconds(10),
                () -> !browser.all("[data-user='" + username + "']").isEmpty());
    }

    private static String ring(double x0, double y0, double x1, double y1) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1
                + "],[" + x0 + "," + y1 + "],[" + x0 + "," + y0 + "]]]}";
    }

    private static String feature(String name, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\"},\"geometry\":" + geometry + "}";
    }

    private static String collection(String crs, String... features) {
        return "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs
                + "\"}},\"features\":[" + String.join(",", features) + "]}";
    }
}
