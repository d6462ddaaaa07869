package cn.landreserve.workflow.document;

import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.kernel.EvidenceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Documents in {@code reserve.document}. */
@Repository
public class DocumentRepository {

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Document d) {
        StoredFile f = d.file();
        jdbc.sql("""
                insert into reserve.document(id, project_id, stage, document_type, version, previous_id, task_id, object_key,
                  object_version, original_name, media_type, size_bytes, sha256, sm3, classification, uploaded_by, uploaded_at)
                values (:id, :project, :stage, :type, :version, :previous, :task, :key, :objectVersion, :name, :media,
                  :size, :sha256, :sm3, :classification, :by, :at)""")
                .param("id", d.id()).param("project", d.projectId()).param("stage", d.stage())
                .param("type", d.documentType()).param("version", d.version()).param("previous", d.previousId())
                .param("task", d.taskId()).param("key", f.objectKey()).param("objectVersion", f.objectVersion())
                .param("name", f.originalName()).param("media", f.mediaType()).param("size", f.size())
                .param("sha256", f.sha256()).param("sm3", f.sm3()).param("classification", d.classification().name())
                .param("by", d.uploadedBy()).param("at", Timestamp.from(d.uploadedAt()))
                .update();
    }

    public Optional<Document> find(String id) {
        if (!Document.isId(id)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from reserve.document where id = :id").param("id", id)
                .query(DocumentRepository::map).optional();
    }

    public List<Document> ofProject(String projectId) {
        return jdbc.sql("select * from reserve.document where project_id = :p order by uploaded_at, id")
                .param("p", projectId).query(DocumentRepository::map).list();
    }

    public List<Document> pending(String projectId) {
        return jdbc.sql("select * from reserve.document where project_id = :p and anchor_state = 'PENDING' order by uploaded_at, id")
                .param("p", projectId).query(DocumentRepository::map).list();
    }

    /** The current (not replaced) documents of a stage. */
    public List<Document> currentOfStage(String projectId, String stage) {
        return jdbc.sql("""
                select * from reserve.document d where project_id = :p and stage = :s
                  and not exists (select 1 from reserve.document n where n.previous_id = d.id)
                order by uploaded_at, id""")
                .param("p", projectId).param("s", stage).query(DocumentRepository::map).list();
    }

    public Set<String> typesOfStage(String projectId, String stage) {
        return currentOfStage(projectId, stage).stream().map(Document::documentType).collect(Collectors.toSet());
    }

    public boolean isReplaced(String id) {
        return jdbc.sql("select count(*) from reserve.document where previous_id = :id").param("id", id)
                .query(Integer.class).single() > 0;
    }

    public List<Document> bySha256(String sha256) {
        return jdbc.sql("select * from reserve.document where sha256 = :h order by uploaded_at, id").param("h", sha256)
                .query(DocumentRepository::map).list();
    }

    /** The ledger refused this document for good (e.g. its project was sealed first). */
    public void markRefused(EvidenceId id, String why) {
        jdbc.sql("update reserve.document set anchor_state = 'REFUSED', anchor_refusal = :why where id = :id")
                .param("why", why.length() > 500 ? why.substring(0, 500) : why).param("id", id.value())
                .update();
    }

    /** Documents the ledger refused for good: id, project, refusal. */
    public List<java.util.Map<String, Object>> refused() {
        return jdbc.sql("""
                select id, project_id, anchor_refusal from reserve.document where anchor_state = 'REFUSED'
                order by uploaded_at""")
                .query((rs, n) -> java.util.Map.<String, Object>of("documentId", rs.getString("id"),
                        "projectId", rs.getString("project_id"), "refusal", rs.getString("anchor_refusal")))
                .list();
    }

    public void markAnchored(EvidenceId id, Anchor anchor) {
        jdbc.sql("""
                update reserve.document set anchor_state = 'ANCHORED', tx_id = :tx, block_number = :block, anchored_at = :at
                where id = :id""")
                .param("tx", anchor.txId()).param("block", anchor.blockNumber())
                .param("at", Timestamp.from(anchor.anchoredAt())).param("id", id.value())
                .update();
    }

    static Document map(ResultSet rs, int row) throws SQLException {
        Timestamp anchoredAt = rs.getTimestamp("anchored_at");
        return new Document(
                rs.getString("id"), rs.getString("project_id"), rs.getString("stage"), rs.getString("document_type"),
                rs.getInt("version"), rs.getString("previous_id"), rs.getString("task_id"),
                new StoredFile(rs.getString("object_key"), rs.getString("object_version"), rs.getString("original_name"),
                        rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("sm3")),
                Classification.valueOf(rs.getString("classification")), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant(), AnchorState.valueOf(rs.getString("anchor_state")),
                anchoredAt == null ? null
                        : new Anchor(rs.getString("tx_id"), rs.getLong("block_number"), anchoredAt.toInstant()));
    }
}
