package cn.landreserve.workflow.ui;

import cn.landreserve.workflow.support.TestService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service in this JVM on a free port with a fresh data directory under {@code temp}, the demo users'
 * password given, and a headless Chromium on it; closing stops both.
 */
record ServiceWithBrowser(ConfigurableApplicationContext service, int port, Browser browser) implements AutoCloseable {

    /** Starts the service with these extra settings (e.g. {@code reserve.demo.sample-projects=false}). */
    static ServiceWithBrowser start(Path temp, String demoPassword, String... settings) throws IOException {
        List<String> all = new ArrayList<>(List.of("reserve.demo.password=" + demoPassword));
        all.addAll(List.of(settings));
        ConfigurableApplicationContext service = TestService.start(temp.resolve("data"), all.toArray(String[]::new));
        try {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            return new ServiceWithBrowser(service, port, new Browser("http://127.0.0.1:" + port,
                    temp.resolve("chromium-profile"), Path.of("target", "screenshots")));
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            service.close();
        }
    }
}
