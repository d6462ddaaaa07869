package cn.landreserve.workflow.task;

import cn.landreserve.chaincode.TextDigests;
import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A completed user task: who decided what, on which documents. Its id is its evidence id. */
public record Decision(
        String id,
        String projectId,
        String stage,
        String taskId,
        String elementId,
        String processDefinitionId,
        int processDefinitionVersion,
        String outcome,
        String opinion,
        String opinionSha256,
        String actor,
        String role,
        List<String> reliedOn,
        Instant decidedAt,
        AnchorState anchorState,
        Anchor anchor) {

    public Decision {
        reliedOn = List.copyOf(reliedOn);
    }

    public static String newId() {
        return "dec-" + UUID.randomUUID().toString().replace("-", "");
    }

    public static boolean isId(String value) {
        return value != null && value.matches("dec-[0-9a-f]{32}");
    }

    /** SHA-256 of the opinion's UTF-8 bytes: the ledger keeps the digest, the database the text. */
    public static String digestOf(String opinion) {
        return TextDigests.sha256(opinion);
    }
}
