package cn.landreserve.workflow.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;

/**
 * The database restarts while clients keep working: during the outage they get 503 DATABASE_UNAVAILABLE (never a
 * 500), and once it is back the service reconnects by itself; what was acknowledged before is still there.
 */
class DatabaseRestartTest {

    @Test
    void the_service_answers_503_while_the_database_restarts_under_load_and_reconnects_by_itself() throws Exception {
        Path dir = Files.createTempDirectory("db-restart");
        int pgPort;
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        EmbeddedPostgres db = postgres(dir.resolve("pg"), pgPort);
        try (Connection c = db.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create role reserve login password 'restart-secret'");
            s.execute("create database reserve owner reserve");
        }
        try (var service = TestService.start(dir.resolve("data"), "reserve.demo.password=db-pass",
                "reserve.demo.enabled=true", "reserve.demo.sample-projects=false",
                "reserve.db.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/reserve",
                "reserve.db.username=reserve", "reserve.db.password=restart-secret")) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            ApiClient applicant = ApiClient.as(port, "applicant", "db-pass");
            String before = applicant.postJson("/api/projects", Map.of("name", "重启前项目", "district", "区",
                    "areaSquareMeters", 10)).json().get("id").asText();

            AtomicBoolean running = new AtomicBoolean(true);
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            AtomicInteger created = new AtomicInteger();
            AtomicInteger unavailable = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(6);
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int worker = t;
                clients.add(load.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        var r = worker % 2 == 0
                                ? applicant.postJson("/api/projects", Map.of("name", "负载项目" + worker + "-" + i,
                                        "district", "区", "areaSquareMeters", 1))
                                : applicant.get("/api/projects/" + before);
                        statuses.add(r.status());
                        if (r.status() == 201) {
                            created.incrementAndGet();
                        } else if (r.status() == 503) {
                            unavailable.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            await("projects created under load").atMost(Duration.ofMinutes(1)).until(() -> created.get() >= 10);
            db.close();                                   // the database goes down under load
            await("503s while the database is down").atMost(Duration.ofMinutes(1)).until(() -> unavailable.get() >= 10);
            db = postgres(dir.resolve("pg"), pgPort);      // and comes back on the same port and data
            int createdBeforeReturn = created.get();
            await("projects created again, with no restart of the service").atMost(Duration.ofMinutes(2))
                    .until(() -> created.get() >= createdBeforeReturn + 10);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Future<?> client : clients) {
                client.get(0, TimeUnit.SECONDS); // a client that threw (a lost connection, a timeout) fails the test
            }

            assertThat(statuses).as("statuses seen under load").isSubsetOf(List.of(200, 201, 503)).contains(503);
            assertThat(created.get()).isGreaterThan(0);
            var after = applicant.postJson("/api/projects", Map.of("name", "重启后项目", "district", "区", "areaSquareMeters", 10));
            assertThat(after.status()).as(after.text()).isEqualTo(201);
            assertThat(applicant.get("/api/projects/" + before).json().get("name").asText()).isEqualTo("重启前项目");
            assertThat(ApiClient.anonymous(port).get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        } finally {
            db.close();
        }
    }

    private static EmbeddedPostgres postgres(Path dir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(false).setServerConfig("fsync", "on").start();
    }
}
