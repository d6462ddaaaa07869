package cn.landreserve.workflow.task;

import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.kernel.EvidenceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Decisions in {@code reserve.decision}. */
@Repository
public class DecisionRepository {

    private final JdbcClient jdbc;

    DecisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Decision d) {
        jdbc.sql("""
                insert into reserve.decision(id, project_id, stage, task_id, element_id, process_definition_id,
                  process_definition_version, outcome, opinion, opinion_sha256, actor, role, relied_on, decided_at)
                values (:id, :project, :stage, :task, :element, :pd, :pdv, :outcome, :opinion, :opinionSha, :actor, :role,
                  :reliedOn, :at)""")
                .param("id", d.id()).param("project", d.projectId()).param("stage", d.stage())
                .param("task", d.taskId()).param("element", d.elementId()).param("pd", d.processDefinitionId())
                .param("pdv", d.processDefinitionVersion()).param("outcome", d.outcome()).param("opinion", d.opinion())
                .param("opinionSha", d.opinionSha256()).param("actor", d.actor()).param("role", d.role())
                .param("reliedOn", String.join(",", d.reliedOn())).param("at", Timestamp.from(d.decidedAt()))
                .update();
    }

    public Optional<Decision> find(String id) {
        if (!Decision.isId(id)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from reserve.decision where id = :id").param("id", id)
                .query(DecisionRepository::map).optional();
    }

    public Optional<Decision> byTask(String taskId) {
        return jdbc.sql("select * from reserve.decision where task_id = :t").param("t", taskId)
                .query(DecisionRepository::map).optional();
    }

    public List<Decision> ofProject(String projectId) {
        return jdbc.sql("select * from reserve.decision where project_id = :p order by decided_at, id")
                .param("p", projectId).query(DecisionRepository::map).list();
    }

    public List<Decision> pending(String projectId) {
        return jdbc.sql("select * from reserve.decision where project_id = :p and anchor_state = 'PENDING' order by decided_at, id")
                .param("p", projectId).query(DecisionRepository::map).list();
    }

    public void markAnchored(EvidenceId id, Anchor anchor) {
        jdbc.sql("""
                update reserve.decision set anchor_state = 'ANCHORED', tx_id = :tx, block_number = :block, anchored_at = :at
                where id = :id""")
                .param("tx", anchor.txId()).param("block", anchor.blockNumber())
                .param("at", Timestamp.from(anchor.anchoredAt())).param("id", id.value())
                .update();
    }

    static Decision map(ResultSet rs, int row) throws SQLException {
        Timestamp anchoredAt = rs.getTimestamp("anchored_at");
        String reliedOn = rs.getString("relied_on");
        return new Decision(
                rs.getString("id"), rs.getString("project_id"), rs.getString("stage"), rs.getString("task_id"),
                rs.getString("element_id"), rs.getString("process_definition_id"), rs.getInt("process_definition_version"),
                rs.getString("outcome"), rs.getString("opinion"), rs.getString("opinion_sha256"), rs.getString("actor"),
                rs.getString("role"), reliedOn.isEmpty() ? List.of() : Arrays.asList(reliedOn.split(",")),
                rs.getTimestamp("decided_at").toInstant(), AnchorState.valueOf(rs.getString("anchor_state")),
                anchoredAt == null ? null
                        : new Anchor(rs.getString("tx_id"), rs.getLong("block_number"), anchoredAt.toInstant()));
    }
}
