package cn.landreserve.workflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.support.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class ExternalDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void a_configured_external_postgresql_is_used_and_no_embedded_one_is_started() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("external")).setRegisterShutdownHook(false).start()) {
            try (Connection c = external.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role reserve login password 'reserve-secret'");
                s.execute("create database reserve owner reserve");
            }
            Path dataDir = dir.resolve("data");
            try (ConfigurableApplicationContext service = TestService.start(dataDir,
                    "reserve.db.url=jdbc:postgresql://127.0.0.1:" + external.getPort() + "/reserve",
                    "reserve.db.username=reserve",
                    "reserve.db.password=reserve-secret")) {

                assertThat(service.getBeansOfType(EmbeddedDatabase.class)).isEmpty();
                assertThat(dataDir.resolve("postgres")).doesNotExist();
                try (Connection c = external.getDatabase("reserve", "reserve").getConnection();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(
                                "select count(*) from information_schema.tables where table_name = 'act_ru_task'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("Camunda's tables live in the external database").isEqualTo(1);
                }
            }
        }
    }
}
