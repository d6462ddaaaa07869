package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.engine.WorkflowEngine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An overdue department review: recorded, its priority raised, and offered to the approvers as well so that a
 * leader can chase it (督办). The review itself stays open for its department.
 */
@Service
public class ReviewEscalation {

    private static final Logger log = LoggerFactory.getLogger(ReviewEscalation.class);

    private final WorkflowEngine engine;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReviewEscalation(WorkflowEngine engine, JdbcClient jdbc, Clock clock) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void escalate(String projectId, String processInstanceId, String reviewElement) {
        String taskId = engine.taskIdOf(processInstanceId, reviewElement).orElse(null);
        if (taskId == null) {
            return;
        }
        engine.escalate(processInstanceId, reviewElement, "approver");
        jdbc.sql("insert into reserve.escalation(project_id, task_id, element_id, escalated_at) values (:p, :t, :e, :at)")
                .param("p", projectId).param("t", taskId).param("e", reviewElement)
                .param("at", Timestamp.from(clock.instant())).update();
        log.info("Review {} of project {} is overdue: escalated to the approvers", reviewElement, projectId);
    }

    /** An escalation as recorded: which review of which task, and when its deadline passed. */
    public record Escalated(long id, String taskId, String elementId, Instant at) {}

    /** The project's escalations, oldest first. */
    public List<Escalated> ofProject(String projectId) {
        return jdbc.sql("select id, task_id, element_id, escalated_at from reserve.escalation where project_id = :p order by id")
                .param("p", projectId)
                .query((rs, n) -> new Escalated(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    public int escalations(String projectId) {
        return jdbc.sql("select count(*) from reserve.escalation where project_id = :p").param("p", projectId)
                .query(Integer.class).single();
    }
}
