package cn.landreserve.workflow.ui;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A browser test class: the whole service and a headless Chromium, started once for the class (by the subclass's
 * {@code @BeforeAll}, through {@link #startService}), its tests in their {@code @Order}, both stopped after the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserTestClass {

    ServiceWithBrowser ui;
    Browser browser;
    int port;

    /** Starts the service and Chromium; false (and nothing started) when Chromium is missing. */
    boolean startService(Path temp, String demoPassword, String... settings) throws IOException {
        if (!Browser.available()) {
            return false; // each test is then skipped with the message, see requireBrowser()
        }
        ui = ServiceWithBrowser.start(temp, demoPassword, settings);
        port = ui.port();
        browser = ui.browser();
        return true;
    }

    /**
     * Without Chromium: failed under CI ({@code CI=true}), where the UI must be tested; elsewhere skipped, never
     * passed, and the report names each test and why.
     */
    @BeforeEach
    void requireBrowser() {
        Browser.requireOrSkip();
    }

    /** Signs in through the login page (signing out first if someone is signed in), waiting for the session. */
    void signInThroughLoginPage(String username, String password) {
        browser.open("/login", true);
        if (!browser.all("#logout").isEmpty()) {
            browser.click("#logout");
            browser.await("#login-link");
            browser.open("/login");
        }
        browser.await("#username");
        browser.type("#username", username);
        browser.type("#password", password);
        browser.click("#login-submit");
        browser.await("#logout");
    }

    @AfterAll
    void stop() {
        if (ui != null) {
            ui.close();
        }
    }
}
