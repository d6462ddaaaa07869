package cn.landreserve.workflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.LandReserveApplication;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ChildJvm;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service as a separate process: what it acknowledged before a SIGTERM, and before a kill -9,
 * is there after the next start on the same data directory.
 */
class ServiceRestartTest {

    @TempDir
    Path data;

    private Process service;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.isAlive()) {
            ChildJvm.killHard(service);
        }
        // leave no PostgreSQL behind: a final start-and-stop would be slow, so stop the orphan directly
        if (Files.exists(data.resolve("postgres/postmaster.pid"))) {
            try {
                cn.landreserve.workflow.database.EmbeddedDatabaseAccess.stopStale(data.resolve("postgres"));
            } catch (Exception ignored) {
                // best effort in cleanup
            }
        }
    }

    @Test
    void projects_acknowledged_before_a_sigterm_and_before_a_kill_9_are_there_after_the_next_start() throws Exception {
        port = freePort();
        start();
        String first = createProject("停机前项目");

        service.destroy(); // SIGTERM: graceful, engine first, then the database
        assertThat(service.waitFor()).as("exit code after SIGTERM").isIn(0, 143);

        start();
        assertThat(project(first)).containsEntry("name", "停机前项目");
        String second = createProject("强杀前项目");

        ChildJvm.killHard(service); // kill -9: no shutdown hook; PostgreSQL keeps running, orphaned

        start();
        assertThat(project(first)).containsEntry("name", "停机前项目");
        assertThat(project(second)).containsEntry("name", "强杀前项目");
        assertThat(ApiClient.anonymous(port).get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        service.destroy();
        service.waitFor();
    }

    private void start() throws Exception {
        Path log = Files.createTempFile(data, "service", ".log");
        service = ChildJvm.start(LandReserveApplication.class, log, List.of("-Xmx512m"),
                "--reserve.data-dir=" + data, "--server.port=" + port, "--reserve.demo.password=restart-pass",
                "--reserve.demo.sample-projects=false", "--spring.main.banner-mode=off");
        for (int i = 0; i < 1200; i++) {
            if (!service.isAlive()) {
                throw new AssertionError("service exited:\n" + Files.readString(log));
            }
            try {
                if (ApiClient.anonymous(port).get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("service did not start:\n" + Files.readString(log));
    }

    private String createProject(String name) {
        var response = ApiClient.as(port, "applicant", "restart-pass").postJson("/api/projects",
                Map.of("name", name, "district", "测试区", "areaSquareMeters", 100));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> project(String id) throws Exception {
        var response = ApiClient.as(port, "auditor", "restart-pass").get("/api/projects/" + id);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(response.body(), Map.class);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
