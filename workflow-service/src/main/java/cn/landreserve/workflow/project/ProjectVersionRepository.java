package cn.landreserve.workflow.project;

import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.kernel.EvidenceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Versions of projects' facts in table {@code reserve.project_version}. */
@Repository
public class ProjectVersionRepository {

    private final JdbcClient jdbc;

    ProjectVersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ProjectVersion v) {
        jdbc.sql("""
                insert into reserve.project_version(id, project_id, version, previous_id, code, name, district,
                  area_square_meters, former_industrial, published, actor, role, reason, recorded_at, geometry_sha256)
                values (:id, :project, :version, :previous, :code, :name, :district, :area, :industrial, :published,
                  :actor, :role, :reason, :at, :geometry)""")
                .param("id", v.id()).param("project", v.projectId()).param("version", v.version())
                .param("previous", v.previousId()).param("code", v.code()).param("name", v.name())
                .param("district", v.district()).param("area", v.areaSquareMeters())
                .param("industrial", v.formerIndustrial()).param("published", v.published())
                .param("actor", v.actor()).param("role", v.role()).param("reason", v.reason())
                .param("at", Timestamp.from(v.recordedAt())).param("geometry", v.geometrySha256())
                .update();
    }

    /** Every version of a project, oldest first. */
    public List<ProjectVersion> ofProject(String projectId) {
        return jdbc.sql("select * from reserve.project_version where project_id = :p order by version")
                .param("p", projectId).query(ProjectVersionRepository::map).list();
    }

    /** The newest version of a project. */
    public Optional<ProjectVersion> latest(String projectId) {
        return jdbc.sql("select * from reserve.project_version where project_id = :p order by version desc limit 1")
                .param("p", projectId).query(ProjectVersionRepository::map).optional();
    }

    /** Versions not yet on the ledger, in version order (each names the one before it). */
    public List<ProjectVersion> pending(String projectId) {
        return jdbc.sql("""
                select * from reserve.project_version where project_id = :p and anchor_state = 'PENDING'
                order by version""")
                .param("p", projectId).query(ProjectVersionRepository::map).list();
    }

    /** Projects with versions waiting to be anchored. */
    public List<String> projectsWithPending() {
        return jdbc.sql("select distinct project_id from reserve.project_version where anchor_state = 'PENDING'")
                .query(String.class).list();
    }

    public void markAnchored(EvidenceId id, Anchor anchor) {
        jdbc.sql("""
                update reserve.project_version set anchor_state = 'ANCHORED', tx_id = :tx, block_number = :block,
                  anchored_at = :at where id = :id""")
                .param("tx", anchor.txId()).param("block", anchor.blockNumber())
                .param("at", Timestamp.from(anchor.anchoredAt())).param("id", id.value())
                .update();
    }

    static ProjectVersion map(ResultSet rs, int row) throws SQLException {
        String tx = rs.getString("tx_id");
        return new ProjectVersion(rs.getString("id"), rs.getString("project_id"), rs.getInt("version"),
                rs.getString("previous_id"), rs.getString("code"), rs.getString("name"), rs.getString("district"),
                rs.getBigDecimal("area_square_meters"), rs.getBoolean("former_industrial"), rs.getBoolean("published"),
                rs.getString("actor"), rs.getString("role"), rs.getString("reason"),
                rs.getTimestamp("recorded_at").toInstant(), AnchorState.valueOf(rs.getString("anchor_state")),
                tx == null ? null : new Anchor(tx, rs.getLong("block_number"), rs.getTimestamp("anchored_at").toInstant()),
                rs.getString("geometry_sha256"));
    }
}
