package cn.landreserve.workflow.project;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stages a project went through and when (table {@code reserve.stage_visit}): one open visit per active or
 * archived project, closed when it moves on or is rejected. Written in the same transaction as the project's stage.
 */
@Repository
class StageHistory {

    private final JdbcClient jdbc;

    StageHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Closes the open visit (if any) and opens one of {@code stage}. */
    void enter(String projectId, String stage, Instant at) {
        leave(projectId, at);
        jdbc.sql("insert into reserve.stage_visit(project_id, stage, entered_at) values (:p, :s, :at)")
                .param("p", projectId).param("s", stage).param("at", Timestamp.from(at)).update();
    }

    /** Closes the open visit: the project left its stage without entering another (rejected). */
    void leave(String projectId, Instant at) {
        jdbc.sql("update reserve.stage_visit set left_at = greatest(:at, entered_at) where project_id = :p and left_at is null")
                .param("p", projectId).param("at", Timestamp.from(at)).update();
    }
}
