package cn.landreserve.workflow.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.workflow.ledger.DamagedLedgerException;
import cn.landreserve.workflow.support.TestService;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

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
    @Timeout(180)
    void listening_beyond_loopback_without_a_public_url_is_refused_so_links_never_follow_the_host_header(
            CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir, "server.address=0.0.0.0"))
                .satisfies(e -> assertThat(invalidSetting(e).property()).isEqualTo("reserve.public.url"));
        assertThat(output).contains("Invalid setting reserve.public.url (RESERVE_PUBLIC_URL): is required when the service "
                + "does not listen on loopback only").doesNotContain("\tat ");
    }

    @Test
    @Timeout(180)
    void the_former_name_of_the_public_url_setting_is_refused_with_its_new_name(CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir, "reserve.public-url=https://reserve.example.gov.cn"))
                .satisfies(e -> assertThat(invalidSetting(e).property()).isEqualTo("reserve.public-url"));
        assertThat(output).contains("Invalid setting reserve.public-url (RESERVE_PUBLICURL): was renamed "
                + "reserve.public.url (RESERVE_PUBLIC_URL)").doesNotContain("\tat ");
    }

    @Test
    @Timeout(180)
    void an_audit_retention_under_six_months_is_refused(CapturedOutput output) {
        assertThatThrownBy(() -> TestService.start(dir, "reserve.security.audit-retention=90d"))
                .satisfies(e -> assertThat(invalidSetting(e).property()).isEqualTo("reserve.security.audit-retention"));
        assertThat(output).contains("must be at least 180 days");
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

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void an_acknowledged_block_cut_short_stops_the_start_naming_it_and_never_advises_another_data_dir(
            CapturedOutput output) throws Exception {
        Path ledgerDir = dir.resolve("ledger");
        try (EmbeddedLedger ledger = EmbeddedLedger.open(ledgerDir, EmbeddedLedgerOptions.defaults())) {
            for (int i = 1; i <= 3; i++) {
                ledger.anchorBatch("P1", "batch-" + i, List.of("ab".repeat(32)));
            }
        }
        Path blocks = ledgerDir.resolve("blocks/blockfile_000000");
        long size = Files.size(blocks);
        try (FileChannel channel = FileChannel.open(blocks, StandardOpenOption.WRITE)) {
            channel.truncate(size - 50);
        }

        assertThatThrownBy(() -> TestService.start(dir)).satisfies(e -> {
            DamagedLedgerException damaged = cause(e, DamagedLedgerException.class);
            assertThat(damaged.blockNumber()).isEqualTo(3);
            assertThat(damaged.ledgerDir()).isEqualTo(ledgerDir);
        });
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("the embedded ledger in " + ledgerDir + " refuses to start: block 3: ")
                .contains("but blocks up to 3 were acknowledged to their callers;"
                        + " the ledger's chain is damaged or was tampered with")
                .contains("do not start the service with another data directory")
                .doesNotContain("embedded default").doesNotContain("unset").doesNotContain("\tat ");
        assertThat(Files.size(blocks)).as("the ledger is left as it was").isEqualTo(size - 50);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS) // two starts and the sample projects' anchoring: 155 s under load
    void a_ledger_directory_removed_beside_a_database_of_anchored_evidence_stops_the_start_creating_nothing(
            CapturedOutput output) throws Exception {
        long anchoredBlock;
        try (var service = TestService.start(dir, "reserve.demo.password=height-check-pass",
                "reserve.demo.sample-projects=true", "reserve.workflow.document-anchor-interval=PT1S")) {
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            long highest = -1;
            while (highest < 1) {
                assertThat(System.nanoTime()).as("the sample projects' documents anchored").isLessThan(deadline);
                Thread.sleep(500);
                highest = jdbc.sql("select coalesce(max(block_number), -1) from reserve.document")
                        .query(Long.class).single();
            }
            anchoredBlock = highest;
        }
        FileSystemUtils.deleteRecursively(dir.resolve("ledger"));

        assertThatThrownBy(() -> TestService.start(dir, "reserve.demo.password=height-check-pass"))
                .satisfies(e -> assertThat(cause(e, DamagedLedgerException.class).blockNumber()).isZero());
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("refuses to start: block 0: there is no block file in " + dir.resolve("ledger/blocks")
                        + ", but evidence is known to be anchored in block ")
                .doesNotContain("unset");
        assertThat(anchoredBlock).isPositive();
        assertThat(dir.resolve("ledger")).as("no fresh ledger created beside the evidence").doesNotExist();
    }

    static <T extends Throwable> T cause(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + thrown);
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
