package cn.landreserve.workflow.parcel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Red-line versions (table {@code reserve.red_line_version}); a row is written once it is anchored. */
@Repository
class RedLineRepository {

    private final JdbcClient jdbc;

    RedLineRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises imports: the version numbers of two concurrent imports cannot collide. */
    void lock() {
        jdbc.sql("lock table reserve.red_line_version in share row exclusive mode").update();
    }

    void insert(RedLineVersion v) {
        jdbc.sql("""
                insert into reserve.red_line_version(id, version, previous_id, object_key, sha256, sm3, size_bytes,
                  feature_count, imported_by, imported_at, tx_id, block_number, anchored_at)
                values (:id, :version, :previous, :key, :sha, :sm3, :size, :features, :by, :at, :tx, :block, :anchored)""")
                .param("id", v.id()).param("version", v.version()).param("previous", v.previousId())
                .param("key", v.objectKey()).param("sha", v.sha256()).param("sm3", v.sm3())
                .param("size", v.sizeBytes()).param("features", v.featureCount()).param("by", v.importedBy())
                .param("at", Timestamp.from(v.importedAt())).param("tx", v.txId()).param("block", v.blockNumber())
                .param("anchored", Timestamp.from(v.anchoredAt()))
                .update();
    }

    Optional<RedLineVersion> current() {
        return jdbc.sql("select * from reserve.red_line_version order by version desc limit 1")
                .query(RedLineRepository::map).optional();
    }

    List<RedLineVersion> all() {
        return jdbc.sql("select * from reserve.red_line_version order by version").query(RedLineRepository::map).list();
    }

    static RedLineVersion map(ResultSet rs, int row) throws SQLException {
        return new RedLineVersion(rs.getString("id"), rs.getInt("version"), rs.getString("previous_id"),
                rs.getString("object_key"), rs.getString("sha256"), rs.getString("sm3"), rs.getLong("size_bytes"),
                rs.getInt("feature_count"), rs.getString("imported_by"), rs.getTimestamp("imported_at").toInstant(),
                rs.getString("tx_id"), rs.getLong("block_number"), rs.getTimestamp("anchored_at").toInstant());
    }
}
