package cn.landreserve.workflow.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, both found at fixed paths (no download), with the
 * helpers the UI scenarios need: hash routes, waiting, synthetic file drops, screenshots, console and layout checks.
 */
final class Browser implements AutoCloseable {

    /** Debian's paths; -Dui.chromium=… and -Dui.chromedriver=… point elsewhere. */
    static final Path CHROMIUM = Path.of(System.getProperty("ui.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ui.chromedriver", "/usr/bin/chromedriver"));
    static final String MISSING = "Chromium or chromedriver not installed (" + CHROMIUM + ", " + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver";

    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    /** CI sets CI=true (GitHub Actions, GitLab, .ci/run): there the browser tests must run, not be skipped. */
    /**
     * Called before each browser test: fails under CI=true when Chromium is missing, otherwise skips the test and
     * says why.
     */
    static void requireOrSkip() {
        if (!available() && requiredHere()) {
            org.junit.jupiter.api.Assertions.fail(MISSING + "; CI=true, so the browser tests may not be skipped");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available(), MISSING);
    }

    static boolean requiredHere() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    Browser(String base, Path profile, Path screenshots) throws IOException {
        this.base = base;
        this.screenshots = Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        desktop();
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a hash route, e.g. "/tasks"; reload=true loads the page afresh. */
    void open(String route, boolean reload) {
        driver.get(base + "/#" + route);
        if (reload) {
            driver.navigate().refresh();
        }
    }

    void open(String route) {
        open(route, false);
    }

    WebElement await(String css) {
        return await(css, Duration.ofSeconds(20));
    }

    WebElement await(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement present(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        new WebDriverWait(driver, timeout).withMessage(what).until(d -> condition.getAsBoolean());
    }

    /** Reloads the route until the element shows (e.g. a task that appears once the previous evidence is anchored). */
    WebElement awaitAfterReloads(String route, String css, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            open(route, true);
            try {
                return await(css, Duration.ofSeconds(3));
            } catch (org.openqa.selenium.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not shown within " + timeout + ": " + css + " on #" + route, e);
                }
            }
        }
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The rendered text of the first match, read in one script call (no stale element while a page re-renders). */
    String text(String css) {
        Object text = script("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''", css);
        return String.valueOf(text);
    }

    void type(String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Drops a file on a drop zone the way a browser does: a drop event whose DataTransfer holds the file. */
    void drop(String zoneCss, String fileName, byte[] content) {
        script("""
                const [selector, name, b64] = arguments;
                const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], name));
                const zone = document.querySelector(selector);
                zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
                zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
                """, zoneCss, fileName, Base64.getEncoder().encodeToString(content));
    }

    /** Chooses files through a drop zone's file input (several at once). */
    void choose(String zoneCss, List<Path> files) {
        WebElement input = driver.findElement(By.cssSelector(zoneCss + " input[type=file]"));
        input.sendKeys(String.join("\n", files.stream().map(p -> p.toAbsolutePath().toString()).toList()));
    }

    /** The whole page, not only the viewport (Chrome's captureBeyondViewport). */
    Path screenshot(String name) throws IOException {
        Number width = (Number) script("return document.documentElement.clientWidth");
        Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, window.innerHeight)");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", Math.min(height.intValue(), 6000), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, png);
        return file;
    }

    /** Everything the page wrote to the console at SEVERE since the last call (uncaught errors, failed loads). */
    List<String> severeConsoleEntries() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    void assertNoConsoleErrors(String where) {
        List<String> severe = severeConsoleEntries();
        assertTrue(severe.isEmpty(), "console errors on " + where + ": " + severe);
    }

    /** No horizontal scrolling: the document is not wider than the viewport. */
    void assertFitsWidth(String where) {
        long scrollWidth = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) script("return window.innerWidth")).longValue();
        assertTrue(scrollWidth <= innerWidth, where + ": page is " + scrollWidth + " px wide in a " + innerWidth + " px viewport");
    }

    /** A phone's viewport (390 × 844, touch, device pixel ratio 1 for small screenshots). */
    void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        assertEquals(390L, ((Number) script("return window.innerWidth")).longValue(), "phone viewport width");
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
