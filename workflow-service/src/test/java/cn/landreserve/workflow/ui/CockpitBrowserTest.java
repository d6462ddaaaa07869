package cn.landreserve.workflow.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.landreserve.workflow.support.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The cockpit in headless Chromium on the embedded default's sample projects: the charts are drawn (ECharts from the
 * service's own assets, on canvas), the page has no console errors (the Content-Security-Policy refuses inline styles), and a figure's link opens the register listing
 * exactly its projects; at 1280×800 and at a phone's width, with screenshots in target/screenshots.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CockpitBrowserTest extends BrowserTestClass {

    private static final String PASSWORD = "cockpit-pass";
    private static final List<String> CHARTS = List.of("chart-district", "chart-stage", "chart-flow", "chart-cycle", "chart-risk",
            "chart-public");

    @BeforeAll
    @Timeout(value = 900, unit = TimeUnit.SECONDS) // start, then ~100 workflow steps of the samples, on a busy machine
    void start(@TempDir Path temp) throws Exception {
        if (startService(temp, PASSWORD, "reserve.demo.sample-projects=true")) {
            awaitSamples();
        }
    }

    /** The samples are created in the background; their history is spread over past months once all are in place. */
    private void awaitSamples() throws InterruptedException {
        ApiClient auditor = ApiClient.as(port, "auditor", PASSWORD);
        String weekAgo = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(7).toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode spread = auditor.get("/api/register?limit=1&entered=INITIATION&to=" + weekAgo).json();
            if (spread.get("total").asLong() == 18) {
                return;
            }
            Thread.sleep(500);
        }
        Assertions.fail("the 18 sample projects were not created and spread over the past months within 600 s");
    }

    @Test
    @Order(1)
    void the_sample_projects_spread_over_stages_districts_and_months() {
        JsonNode c = ApiClient.as(port, "approver", PASSWORD).get("/api/cockpit").json();
        assertEquals(18, c.at("/totals/all/count").asLong());
        assertTrue(c.get("byDistrict").size() >= 6, "six districts: " + c.get("byDistrict"));
        assertTrue(c.get("byStage").size() >= 7, "at least seven stages occupied: " + c.get("byStage"));
        assertEquals(1, c.at("/totals/rejected/count").asLong());
        assertEquals(2, c.at("/totals/archived/count").asLong());
        assertEquals(1, c.at("/overdue/rectifications/count").asLong());
        long monthsWithEntries = 0;
        for (int m = 0; m < 12; m++) {
            long entered = 0;
            for (JsonNode s : c.at("/flow/stages")) {
                entered += s.get("entered").get(m).get("count").asLong();
            }
            monthsWithEntries += entered > 0 ? 1 : 0;
        }
        assertTrue(monthsWithEntries >= 6, "entries in at least six of the last twelve months, not " + monthsWithEntries);
    }

    @Test
    @Order(2)
    void an_approver_sees_the_charts_and_a_figure_opens_its_projects_at_desktop_width() throws IOException {
        browser.desktop();
        signIn("approver");
        assertCockpitDrawn("desktop");
        browser.screenshot("cockpit");
        browser.assertFitsWidth("cockpit");

        // The district figure with the largest reserve: its link lists exactly its projects in the register.
        WebElement link = browser.all("[data-chart=chart-district] a[data-figure*='phase=reserve']").get(0);
        String filter = link.getAttribute("data-figure");
        long expected = ApiClient.as(port, "approver", PASSWORD).get("/api/register?limit=1&" + filter).json().get("total").asLong();
        assertTrue(expected > 0, "the first district has land in the reserve");
        browser.script("arguments[0].closest('details').open = true", link);
        link.click();
        browser.await("#register-summary");
        assertEquals(String.valueOf(expected), browser.await("#register-summary").getAttribute("data-total"));
        browser.awaitTrue("the register lists the figure's projects", Duration.ofSeconds(10),
                () -> browser.all("#register-rows tr").size() == expected);
        assertTrue(browser.driver().getCurrentUrl().contains("#/register?"), browser.driver().getCurrentUrl());
        browser.screenshot("register-from-cockpit");

        // A key figure: the rectifications.
        browser.open("/cockpit");
        browser.await("#cockpit-kpis");
        browser.click("#cockpit-kpis a[data-figure='rectification=true']");
        browser.awaitTrue("one project in rectification", Duration.ofSeconds(10),
                () -> browser.all("#register-rows tr").size() == 1);
        assertTrue(browser.text("#register-rows").contains("城东铁路货场地块"), browser.text("#register-rows"));

        // Overdue inspections: the key figure's count is the register's, and every row's evidence is the ledger's.
        browser.open("/cockpit");
        browser.await("#cockpit-kpis");
        WebElement inspections = browser.await("#cockpit-kpis a[data-kpi=inspections]");
        long shown = Long.parseLong(inspections.findElement(org.openqa.selenium.By.cssSelector(".kpi__value")).getText());
        long listed = ApiClient.as(port, "approver", PASSWORD).get("/api/register?limit=1&inspection=overdue").json()
                .get("total").asLong();
        assertEquals(listed, shown);
        assertTrue(shown > 0, "sample land stored for months without an inspection");
        inspections.click();
        browser.awaitTrue("the overdue inspections' projects", Duration.ofSeconds(10),
                () -> browser.all("#register-rows tr").size() == shown);
        assertTrue(browser.text("#register-summary").contains("巡查超期"), browser.text("#register-summary"));
        for (WebElement cell : browser.all("#register-rows td[data-evidence]")) {
            String state = cell.getAttribute("data-evidence");
            assertTrue(state.equals("ANCHORED") || state.equals("PENDING"), "sample evidence agrees with the ledger: " + state);
        }
        assertEquals(shown, browser.all("#register-rows td[data-evidence]").size());
        browser.screenshot("register-inspections-overdue");

        // Clicking a bar of the stage chart opens that stage's projects.
        browser.open("/cockpit");
        assertCockpitDrawn("desktop, again");
        // the middle of the first bar, in pixels from the chart's top left, as ECharts places it
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) browser.script("""
                const el = document.getElementById('chart-stage');
                const chart = window.echarts.getInstanceByDom(el);
                const value = chart.getOption().series[0].data[0];
                const p = chart.convertToPixel({seriesIndex: 0}, [0, value / 2]);
                return [p[0] - el.clientWidth / 2, p[1] - el.clientHeight / 2];""");
        WebElement canvas = browser.await("#chart-stage canvas");
        new org.openqa.selenium.interactions.Actions(browser.driver())
                .moveToElement(canvas, at.get(0).intValue(), at.get(1).intValue()).click().perform();
        browser.awaitTrue("a bar opens the register", Duration.ofSeconds(10),
                () -> browser.driver().getCurrentUrl().contains("#/register?stage="));
        browser.await("#register-summary");
        browser.assertNoConsoleErrors("the cockpit and the register");
    }

    @Test
    @Order(3)
    void the_cockpit_fits_a_phone_and_the_register_exports() throws IOException {
        browser.phone();
        try {
            signIn("auditor");
            browser.open("/cockpit");
            assertCockpitDrawn("phone");
            browser.screenshot("phone-cockpit");
            browser.assertFitsWidth("cockpit on a phone");
            for (String chart : CHARTS) {
                long width = ((Number) browser.script("return document.getElementById(arguments[0]).getBoundingClientRect().width", chart)).longValue();
                assertTrue(width > 250 && width <= 390, chart + " is " + width + " px wide on a 390 px phone");
            }
            browser.open("/register?phase=reserve");
            browser.await("#register-rows");
            browser.screenshot("phone-register");
            browser.assertFitsWidth("register on a phone");
            assertTrue(browser.await("#register-xlsx").getAttribute("href").endsWith("api/register?format=xlsx&phase=reserve"));
            browser.assertNoConsoleErrors("the cockpit and register on a phone");
        } finally {
            browser.desktop();
        }
    }

    /** Every chart drew its shapes across its card, and the figures' tables hold links to the register. */
    private void assertCockpitDrawn(String where) {
        browser.await("#cockpit-kpis", Duration.ofSeconds(20));
        for (String chart : CHARTS) {
            browser.awaitTrue(chart + " drawn (" + where + ")", Duration.ofSeconds(10),
                    () -> ((Number) browser.script("const c = window.echarts && window.echarts.getInstanceByDom("
                            + "document.getElementById(arguments[0])); return c ? c.getZr().storage.getDisplayList().length : 0;",
                            chart)).intValue() > 3);
            // drawn across its card, not into a detached or zero-width box
            double[] widths = widths(chart);
            assertTrue(widths[0] > 200 && widths[1] >= widths[0] * 0.95,
                    chart + " (" + where + "): canvas " + widths[1] + " px in a " + widths[0] + " px box");
        }
        assertFalse(browser.all("[data-chart] a[data-figure]").isEmpty(), "figure links");
        assertEquals("土地储备驾驶舱", browser.text("main h1"));
        assertTrue((Boolean) browser.script("return !!window.echarts && document.querySelector("
                + "\"script[src='assets/vendor/echarts/dist/echarts.min.js']\") !== null"), "ECharts from the service's own assets");
    }

    private double[] widths(String chart) {
        @SuppressWarnings("unchecked")
        List<Number> w = (List<Number>) browser.script("const box = document.getElementById(arguments[0]);"
                + " return [box.getBoundingClientRect().width, box.querySelector('canvas').getBoundingClientRect().width];", chart);
        return new double[] {w.get(0).doubleValue(), w.get(1).doubleValue()};
    }

    private void signIn(String username) {
        signInThroughLoginPage(username, PASSWORD);
        browser.open("/cockpit");
        browser.await("main h1");
    }
}
