package cn.landreserve.workflow.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Inspections, rectifications and escalations of missed cycles. */
@Repository
class InspectionRepository {

    private final JdbcClient jdbc;

    InspectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Inspection i) {
        jdbc.sql("""
                insert into reserve.inspection(id, project_id, record_document_id, inspector, inspected_at, finding,
                  longitude, latitude, photo_count, flagged_photos, recorded_at)
                values (:id, :project, :doc, :inspector, :at, :finding, :lon, :lat, :photos, :flagged, :recorded)""")
                .param("id", i.id()).param("project", i.projectId()).param("doc", i.recordDocumentId())
                .param("inspector", i.inspector()).param("at", Timestamp.from(i.inspectedAt()))
                .param("finding", i.finding().name()).param("lon", i.longitude()).param("lat", i.latitude())
                .param("photos", i.photoCount()).param("flagged", i.flaggedPhotos())
                .param("recorded", Timestamp.from(i.recordedAt()))
                .update();
    }

    List<Inspection> ofProject(String projectId) {
        return jdbc.sql("select * from reserve.inspection where project_id = :p order by inspected_at desc, recorded_at desc")
                .param("p", projectId).query(InspectionRepository::map).list();
    }

    Optional<Instant> lastInspection(String projectId) {
        return jdbc.sql("select max(inspected_at) from reserve.inspection where project_id = :p")
                .param("p", projectId).query((rs, n) -> {
                    Timestamp t = rs.getTimestamp(1);
                    return t == null ? null : t.toInstant();
                }).optional();
    }

    void openRectification(String id, String projectId, String inspectionId, String processInstanceId,
            Instant deadline, Instant now) {
        jdbc.sql("""
                insert into reserve.rectification(id, project_id, inspection_id, process_instance_id, deadline, status,
                  opened_at) values (:id, :project, :inspection, :process, :deadline, 'OPEN', :now)""")
                .param("id", id).param("project", projectId).param("inspection", inspectionId)
                .param("process", processInstanceId).param("deadline", Timestamp.from(deadline))
                .param("now", Timestamp.from(now))
                .update();
    }

    void setRectificationStatus(String id, String status, Instant at) {
        jdbc.sql("update reserve.rectification set status = :status, closed_at = case when :status = 'DONE' then :at "
                        + "else closed_at end where id = :id")
                .param("status", status).param("at", Timestamp.from(at)).param("id", id).update();
    }

    List<Map<String, Object>> rectificationsOf(String projectId) {
        return jdbc.sql("""
                select id, inspection_id as "inspectionId", process_instance_id as "processInstanceId", deadline,
                  status, opened_at as "openedAt", closed_at as "closedAt"
                from reserve.rectification where project_id = :p order by opened_at""")
                .param("p", projectId).query().listOfRows();
    }

    boolean escalate(String projectId, Instant cycleStart, Instant now) {
        return jdbc.sql("""
                insert into reserve.inspection_escalation(project_id, cycle_start, escalated_at)
                values (:p, :cycle, :now) on conflict do nothing""")
                .param("p", projectId).param("cycle", Timestamp.from(cycleStart)).param("now", Timestamp.from(now))
                .update() == 1;
    }

    List<Map<String, Object>> escalationsOf(String projectId) {
        return jdbc.sql("""
                select cycle_start as "cycleStart", escalated_at as "escalatedAt"
                from reserve.inspection_escalation where project_id = :p order by cycle_start""")
                .param("p", projectId).query().listOfRows();
    }

    /** A project in the reserve: when its current inspection cycle started (last inspection, else its entry). */
    record Supervised(String projectId, String code, String name, String district, String stage,
            Instant lastInspection, Instant cycleStart) {}

    List<Supervised> supervised(java.util.Collection<String> stages) {
        return jdbc.sql("""
                select p.id, p.code, p.name, p.district, p.current_stage,
                  (select max(i.inspected_at) from reserve.inspection i where i.project_id = p.id) as last_inspection,
                  (select min(v.entered_at) from reserve.stage_visit v where v.project_id = p.id
                     and v.stage in (:stages)) as entered
                from reserve.project p where p.status = 'ACTIVE' and p.current_stage in (:stages)
                order by p.code""")
                .param("stages", stages)
                .query((rs, n) -> {
                    Timestamp last = rs.getTimestamp("last_inspection");
                    Timestamp entered = rs.getTimestamp("entered");
                    Instant start = last != null ? last.toInstant() : entered != null ? entered.toInstant() : null;
                    return new Supervised(rs.getString("id"), rs.getString("code"), rs.getString("name"),
                            rs.getString("district"), rs.getString("current_stage"),
                            last == null ? null : last.toInstant(), start);
                }).list();
    }

    static Inspection map(ResultSet rs, int row) throws SQLException {
        double lon = rs.getDouble("longitude");
        Double longitude = rs.wasNull() ? null : lon;
        double lat = rs.getDouble("latitude");
        Double latitude = rs.wasNull() ? null : lat;
        return new Inspection(rs.getString("id"), rs.getString("project_id"), rs.getString("record_document_id"),
                rs.getString("inspector"), rs.getTimestamp("inspected_at").toInstant(),
                Finding.valueOf(rs.getString("finding")), longitude, latitude, rs.getInt("photo_count"),
                rs.getInt("flagged_photos"), rs.getTimestamp("recorded_at").toInstant());
    }
}
