package cn.landreserve.workflow.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.support.ChildJvm;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
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
