package cn.landreserve.workflow.evidence;

import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.document.AccessPolicy;
import cn.landreserve.workflow.document.Classification;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.ledger.LedgerReads;
import cn.landreserve.workflow.ledger.LedgerReads.Anchored;
import cn.landreserve.workflow.lifecycle.ReviewEscalation;
import cn.landreserve.workflow.project.ProjectVersion;
import cn.landreserve.workflow.project.ProjectVersionRepository;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.task.DecisionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** A project's evidence in time order, as one reader may see it, its anchoring read from the ledger. */
@Service
public class Timeline {

    private static final Logger log = LoggerFactory.getLogger(Timeline.class);

    private final DocumentRepository documents;
    private final DecisionRepository decisions;
    private final ReviewEscalation escalations;
    private final ProjectVersionRepository versions;
    private final LedgerReads ledger;

    Timeline(DocumentRepository documents, DecisionRepository decisions, ReviewEscalation escalations,
            ProjectVersionRepository versions, LedgerReads ledger) {
        this.documents = documents;
        this.decisions = decisions;
        this.escalations = escalations;
        this.versions = versions;
        this.ledger = ledger;
    }

    public List<TimelineItem> of(ProjectId projectId, Actor reader) {
        Map<String, Anchored> onLedger = new LinkedHashMap<>();
        boolean answered = true;
        try {
            for (Anchored a : ledger.byProject(projectId)) {
                onLedger.put(a.evidenceId(), a);
            }
        } catch (LedgerUnavailableException e) {
            log.debug("Timeline of {} without the ledger: {}", projectId, e.getMessage());
            answered = false;
        }
        List<TimelineItem> items = new ArrayList<>();
        for (ProjectVersion v : versions.ofProject(projectId.value())) {
            Anchoring a = anchoring(v.record(), v.anchorState(), v.anchor(), onLedger.remove(v.id()), answered);
            items.add(new TimelineItem(v.id(), "PROJECT", null, v.recordedAt(), v.actor(), null, v.version(),
                    v.previousId(), null, null, null, null, null, null, null, v.published() ? "PUBLISHED" : "NOT_PUBLISHED",
                    v.reason(), List.of(), a.state, a.txId, a.block, a.at, a.matches, answered));
        }
        for (Document d : documents.ofProject(projectId.value())) {
            Anchored anchored = onLedger.remove(d.id());
            Anchoring a = anchoring(EvidenceAnchoring.record(d), d.anchorState(), d.anchor(), anchored, answered);
            DocumentRecord r = anchored != null && anchored.entry().record() instanceof DocumentRecord onChain
                    ? onChain : EvidenceAnchoring.record(d);
            boolean mayRead = AccessPolicy.mayRead(reader,
                    d.classification().stricter(Classification.valueOf(r.classification().name())), d.uploadedBy());
            items.add(new TimelineItem(d.id(), "DOCUMENT", r.stage(), d.uploadedAt(), mayRead ? d.uploadedBy() : null,
                    r.documentType(), r.version(), r.previousEvidenceId(), mayRead ? d.file().originalName() : null,
                    r.mediaType(), r.size(), r.sha256(), r.sm3(), r.classification().name(), null, null, null, null,
                    a.state, a.txId, a.block, a.at, a.matches, answered));
        }
        for (Decision d : decisions.ofProject(projectId.value())) {
            Anchoring a = anchoring(EvidenceAnchoring.record(d), d.anchorState(), d.anchor(), onLedger.remove(d.id()),
                    answered);
            items.add(new TimelineItem(d.id(), "DECISION", d.stage(), d.decidedAt(), d.actor(), null, null, null, null,
                    null, null, null, null, null, d.elementId(), d.outcome(), d.opinion(), d.reliedOn(),
                    a.state, a.txId, a.block, a.at, a.matches, answered));
        }
        for (Anchored extra : onLedger.values()) {
            if (extra.entry().kind() == EvidenceKind.SEAL || extra.entry().kind() == EvidenceKind.BATCH) {
                continue;
            }
            // on the ledger, not in the database: shown, never hidden
            Instant at = Instant.parse(extra.entry().evidence().anchoredAt());
            items.add(new TimelineItem(extra.evidenceId(), extra.entry().kind().name(), null, at, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, List.of(), AnchorState.ANCHORED,
                    extra.entry().txId(), extra.blockNumber(), at, false, true));
        }
        // An overdue review escalated to the approvers: part of the project's story, not anchored evidence.
        for (ReviewEscalation.Escalated e : escalations.ofProject(projectId.value())) {
            items.add(new TimelineItem("escalation-" + e.id(), "ESCALATION", "REVIEW", e.at(), null, null, null, null,
                    null, null, null, null, null, null, e.elementId(), null, null, null, null, null, null, null, null,
                    answered));
        }
        items.sort(Comparator.comparing(TimelineItem::at).thenComparing(TimelineItem::evidenceId));
        return items;
    }

    private record Anchoring(AnchorState state, String txId, Long block, Instant at, Boolean matches) {}

    /** The ledger's anchoring when it was asked; the database's only when it could not be. */
    private static Anchoring anchoring(EvidenceRecord fromDatabase, AnchorState dbState, Anchor dbAnchor,
            Anchored onLedger, boolean answered) {
        if (!answered) {
            return new Anchoring(dbState, dbAnchor == null ? null : dbAnchor.txId(),
                    dbAnchor == null ? null : dbAnchor.blockNumber(), dbAnchor == null ? null : dbAnchor.anchoredAt(), null);
        }
        if (onLedger == null) {
            return new Anchoring(dbState == AnchorState.REFUSED ? AnchorState.REFUSED : AnchorState.PENDING, null, null,
                    null, null);
        }
        boolean same = Arrays.equals(onLedger.entry().evidence().recordBytes(), CanonicalJson.bytes(fromDatabase));
        return new Anchoring(AnchorState.ANCHORED, onLedger.entry().txId(), onLedger.blockNumber(),
                Instant.parse(onLedger.entry().evidence().anchoredAt()), same);
    }
}
