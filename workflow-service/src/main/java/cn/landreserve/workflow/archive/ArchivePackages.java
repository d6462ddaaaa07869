package cn.landreserve.workflow.archive;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The kept packages, one per project ({@code reserve.archive_package}). */
@Repository
class ArchivePackages {

    private final JdbcClient jdbc;

    ArchivePackages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ArchivePackage> find(String projectId) {
        return jdbc.sql("""
                select project_id, object_key, size, sha256, sm3, manifest_sha256, time_source, tsa,
                       manifest_stamped_at, verdict, report, built_at
                from reserve.archive_package where project_id = :p""")
                .param("p", projectId)
                .query((rs, n) -> new ArchivePackage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11),
                        rs.getTimestamp(12).toInstant()))
                .optional();
    }

    /** Records a package; when another builder recorded one first, that one stands and is returned. */
    ArchivePackage insert(ArchivePackage p) {
        jdbc.sql("""
                insert into reserve.archive_package(project_id, object_key, size, sha256, sm3, manifest_sha256,
                    time_source, tsa, manifest_stamped_at, verdict, report, built_at)
                values (:p, :key, :size, :sha256, :sm3, :manifest, :source, :tsa, :stamped, :verdict, :report, :built)
                on conflict (project_id) do nothing""")
                .param("p", p.projectId()).param("key", p.objectKey()).param("size", p.size())
                .param("sha256", p.sha256()).param("sm3", p.sm3()).param("manifest", p.manifestSha256())
                .param("source", p.timeSource()).param("tsa", p.tsa())
                .param("stamped", Timestamp.from(p.manifestStampedAt())).param("verdict", p.verdict())
                .param("report", p.report()).param("built", Timestamp.from(p.builtAt()))
                .update();
        return find(p.projectId()).orElseThrow();
    }
}
