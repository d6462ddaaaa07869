package cn.landreserve.workflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.support.ChildJvm;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void data_committed_before_a_stop_is_there_after_the_next_start() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            execute(db, "create table evidence_probe(id int primary key, note text)");
            execute(db, "insert into evidence_probe values (1, '立项批复')");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertThat(query(db, "select note from evidence_probe where id = 1")).isEqualTo("立项批复");
        }
    }

    @Test
    @Timeout(120)
    void refuses_a_connection_without_its_password_and_keeps_the_password_in_a_file_only_its_owner_reads()
            throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            Path file = EmbeddedDatabase.passwordFile(dir);
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(file).strip()).isEqualTo(db.password()).hasSizeGreaterThanOrEqualTo(32);
            String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres";
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"));
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            try (Connection c = DriverManager.getConnection(url, "postgres", db.password())) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
        // the next start keeps the same password and still asks for it
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertThat(db.password()).isEqualTo(Files.readString(EmbeddedDatabase.passwordFile(dir)).strip());
            assertThatThrownBy(() -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres", "postgres", "").close())
                    .isInstanceOf(SQLException.class);
            assertThat(query(db, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void runs_with_fsync_and_synchronous_commit_on() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertThat(query(db, "show fsync")).isEqualTo("on");
            assertThat(query(db, "show synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_server_left_running_by_a_killed_service_does_not_block_the_next_start() throws Exception {
        Path log = Files.createTempFile("orphan-postgres", ".log");
        Process service = ChildJvm.start(OrphanPostgresMain.class, log, List.of(), dir.toString());
        awaitLine(log, "READY", service);
        ChildJvm.killHard(service);
        assertThat(EmbeddedDatabase.staleServer(dir)).as("the killed JVM's PostgreSQL is still running").isPresent();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
            assertThat(query(db, "select id from evidence_probe")).isEqualTo("42");
        }
        assertThat(EmbeddedDatabase.staleServer(dir)).isEmpty();
    }

    private static void awaitLine(Path log, String line, Process process) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.readAllLines(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("child exited early:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("child never printed " + line + ":\n" + Files.readString(log));
    }

    private static void execute(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
