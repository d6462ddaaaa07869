package cn.landreserve.workflow.evidence;

import cn.landreserve.workflow.kernel.AnchorState;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a project's evidence timeline: a version of the project's facts, a document version or a decision,
 * with where it stands on the ledger. What the ledger holds (digests, classification, stage, type, version,
 * transaction, block, time) is the ledger's; the database adds what the ledger must not hold (file names,
 * opinions, reasons). {@code matchesLedger} says whether the database's record equals the anchored one (null while
 * not anchored, or when the ledger could not be asked: then {@code anchorState} is the database's). Fields a
 * reader may not see are left out (null), never guessed.
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
        Instant anchoredAt,
        Boolean matchesLedger,
        boolean answeredByLedger) {}
