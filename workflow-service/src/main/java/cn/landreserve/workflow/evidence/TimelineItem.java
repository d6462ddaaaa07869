package cn.landreserve.workflow.evidence;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a project's evidence timeline: a document version or a decision, with where it stands on the
 * ledger. Fields a reader may not see are left out (null), never guessed.
 */
public record TimelineItem(
        String evidenceId,
        String kind,
        String stage,
        Instant at,
        String actor,
        String documentType,
        Integer version,
        String previousId,
        String fileName,
        String mediaType,
        Long size,
        String sha256,
        String sm3,
        String classification,
        String elementId,
        String outcome,
        String opinion,
        List<String> reliedOn,
        AnchorState anchorState,
        String txId,
        Long blockNumber,
        Instant anchoredAt) {}
