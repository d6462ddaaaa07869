package cn.landreserve.workflow.document;

import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import java.time.Instant;
import java.util.UUID;

/** One version of one document of a project, as recorded in the database. Its id is its evidence id. */
public record Document(
        String id,
        String projectId,
        String stage,
        String documentType,
        int version,
        String previousId,
        String taskId,
        StoredFile file,
        Classification classification,
        String uploadedBy,
        Instant uploadedAt,
        AnchorState anchorState,
        Anchor anchor) {

    public static String newId() {
        return "doc-" + UUID.randomUUID().toString().replace("-", "");
    }

    public static boolean isId(String value) {
        return value != null && value.matches("doc-[0-9a-f]{32}");
    }

    /** The next version of this document, replacing it. */
    public Document nextVersion(String id, String taskId, StoredFile file, Classification classification,
            String uploadedBy, Instant now) {
        return new Document(id, projectId, stage, documentType, version + 1, this.id, taskId, file, classification,
                uploadedBy, now, AnchorState.PENDING, null);
    }

    public boolean anchored() {
        return anchorState == AnchorState.ANCHORED;
    }
}
