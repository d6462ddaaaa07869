package cn.landreserve.workflow.project;

import cn.landreserve.workflow.kernel.ProjectId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Projects in table {@code reserve.project}. */
@Repository
public class ProjectRepository {

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String nextCode(int year) {
        long n = jdbc.sql("select nextval('reserve.project_code_seq')").query(Long.class).single();
        return "TDCB-%d-%04d".formatted(year, n);
    }

    public void insert(Project p) {
        jdbc.sql("""
                insert into reserve.project(id, code, name, district, area_square_meters, former_industrial, description,
                  status, current_stage, published, process_instance_id, created_by, created_at, updated_at)
                values (:id, :code, :name, :district, :area, :industrial, :description, :status, :stage, :published,
                  :pi, :createdBy, :createdAt, :updatedAt)""")
                .param("id", p.id().value()).param("code", p.code()).param("name", p.name())
                .param("district", p.district()).param("area", p.areaSquareMeters())
                .param("industrial", p.formerIndustrial()).param("description", p.description())
                .param("status", p.status().name()).param("stage", p.currentStage()).param("published", p.published())
                .param("pi", p.processInstanceId()).param("createdBy", p.createdBy())
                .param("createdAt", Timestamp.from(p.createdAt())).param("updatedAt", Timestamp.from(p.updatedAt()))
                .update();
    }

    public void update(Project p) {
        jdbc.sql("""
                update reserve.project set name = :name, district = :district, area_square_meters = :area,
                  former_industrial = :industrial, description = :description, status = :status,
                  current_stage = :stage, published = :published, process_instance_id = :pi, updated_at = :updatedAt
                where id = :id""")
                .param("name", p.name()).param("district", p.district()).param("area", p.areaSquareMeters())
                .param("industrial", p.formerIndustrial()).param("description", p.description())
                .param("status", p.status().name()).param("stage", p.currentStage()).param("published", p.published())
                .param("pi", p.processInstanceId()).param("updatedAt", Timestamp.from(p.updatedAt()))
                .param("id", p.id().value())
                .update();
    }

    public Optional<Project> find(String id) {
        if (!ProjectId.isValid(id)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from reserve.project where id = :id").param("id", id).query(ProjectRepository::map).optional();
    }

    /** Locks the row for the rest of the transaction, so that state changes of one project are serialised. */
    public Optional<Project> findForUpdate(String id) {
        if (!ProjectId.isValid(id)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from reserve.project where id = :id for update").param("id", id)
                .query(ProjectRepository::map).optional();
    }

    /** The projects with these ids, in one query; unknown or malformed ids are left out. */
    public Map<String, Project> findAll(Collection<String> ids) {
        List<String> valid = ids.stream().filter(ProjectId::isValid).toList();
        if (valid.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select * from reserve.project where id in (:ids)").param("ids", valid)
                .query(ProjectRepository::map).list().stream()
                .collect(Collectors.toMap(p -> p.id().value(), p -> p));
    }

    public List<Project> list(int limit, int offset) {
        return jdbc.sql("select * from reserve.project order by created_at desc, id limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(ProjectRepository::map).list();
    }

    /** Published projects, optionally filtered by a text that matches name, code or district (a bound parameter). */
    public List<Project> searchPublished(String text, int limit, int offset) {
        String like = text == null || text.isBlank() ? null : "%" + escapeLike(text.strip()) + "%";
        return jdbc.sql("""
                select * from reserve.project where published
                  and (cast(:like as text) is null or name ilike :like escape '\\' or code ilike :like escape '\\'
                       or district ilike :like escape '\\')
                order by created_at desc, id limit :limit offset :offset""")
                .param("like", like).param("limit", limit).param("offset", offset)
                .query(ProjectRepository::map).list();
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(
                new ProjectId(rs.getString("id")), rs.getString("code"), rs.getString("name"), rs.getString("district"),
                rs.getBigDecimal("area_square_meters"), rs.getBoolean("former_industrial"), rs.getString("description"),
                ProjectStatus.valueOf(rs.getString("status")), rs.getString("current_stage"), rs.getBoolean("published"),
                rs.getString("process_instance_id"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
