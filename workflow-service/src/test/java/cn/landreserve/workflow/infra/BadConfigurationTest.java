package cn.landreserve.workflow.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.workflow.support.TestService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void an_unreachable_database_url_fails_the_start_with_one_line_naming_the_setting(CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir,
                        "reserve.db.url=jdbc:postgresql://127.0.0.1:1/reserve",
                        "reserve.db.username=reserve",
                        "reserve.db.password=x"))
                .hasRootCauseInstanceOf(java.net.ConnectException.class)
                .satisfies(e -> assertThat(invalidSetting(e).property()).isEqualTo("reserve.db.url"));

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid setting reserve.db.url (RESERVE_DB_URL): the database cannot be reached")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("postgres")).doesNotExist();
    }

    @Test
    void an_external_database_without_a_password_fails_the_start_naming_the_password_setting(CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir,
                        "reserve.db.url=jdbc:postgresql://127.0.0.1:5432/reserve",
                        "reserve.db.username=reserve"))
                .satisfies(e -> assertThat(invalidSetting(e).property()).isEqualTo("reserve.db.password"));

        assertThat(output).contains(
                "Invalid setting reserve.db.password (RESERVE_DB_PASSWORD): is required when reserve.db.url is set");
    }

    @Test
    void a_database_url_that_is_not_postgresql_is_refused(CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir,
                        "reserve.db.url=jdbc:h2:mem:test", "reserve.db.username=sa", "reserve.db.password="))
                .satisfies(e -> assertThat(invalidSetting(e).problem())
                        .isEqualTo("must be a jdbc:postgresql: URL, got 'jdbc:h2:mem:test'"));
    }

    @Test
    void fabric_mode_without_a_gateway_fails_the_start_naming_the_missing_setting(CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir, "reserve.ledger.mode=fabric"))
                .satisfies(e -> assertThat(invalidSetting(e).property()).isEqualTo("reserve.ledger.fabric.endpoint"));
        assertThat(output).contains("Invalid setting reserve.ledger.fabric.endpoint (RESERVE_LEDGER_FABRIC_ENDPOINT)");
    }

    @Test
    void an_unknown_ledger_mode_is_refused(CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir, "reserve.ledger.mode=blockchain"))
                .satisfies(e -> assertThat(invalidSetting(e).problem())
                        .isEqualTo("must be 'embedded' or 'fabric', got 'blockchain'"));
    }

    static InvalidSettingException invalidSetting(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no InvalidSettingException in " + thrown);
    }
}
