package cn.landreserve.workflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ChildService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service ({@code java -jar workflow-service.jar}, the jar the package phase built) as a separate
 * process: what it acknowledged before a SIGTERM, and before a kill -9, is there after the next start on the same
 * data directory. An integration test: failsafe runs it after {@code package} ({@code ./mvnw -B verify}).
 */
class ServiceRestartIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES) // three starts of a separate JVM and its database
    void projects_acknowledged_before_a_sigterm_and_before_a_kill_9_are_there_after_the_next_start() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (ChildService service = ChildService.packaged(data, "--reserve.demo.password=restart-pass")) {
            service.start();
            String first = createProject(service, "停机前项目");

            assertThat(service.stop()).as("exit code after SIGTERM").isIn(0, 143);

            service.start();
            assertThat(name(service, first)).isEqualTo("停机前项目");
            String second = createProject(service, "强杀前项目");

            service.kill();

            service.start();
            assertThat(name(service, first)).isEqualTo("停机前项目");
            assertThat(name(service, second)).isEqualTo("强杀前项目");
            assertThat(ApiClient.anonymous(service.port()).get("/actuator/health").json().get("status").asText())
                    .isEqualTo("UP");
            service.stop();
        }
    }

    private static String createProject(ChildService service, String name) {
        var response = ApiClient.as(service.port(), "applicant", "restart-pass").postJson("/api/projects",
                Map.of("name", name, "district", "测试区", "areaSquareMeters", 100));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private static String name(ChildService service, String id) {
        var response = ApiClient.as(service.port(), "auditor", "restart-pass").get("/api/projects/" + id);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("name").asText();
    }
}
