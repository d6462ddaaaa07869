package cn.landreserve.workflow.evidence;

import cn.landreserve.workflow.document.AccessPolicy;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.lifecycle.ReviewEscalation;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.task.DecisionRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** A project's evidence in time order, as one reader may see it. */
@Service
public class Timeline {

    private final DocumentRepository documents;
    private final DecisionRepository decisions;
    private final ReviewEscalation escalations;

    Timeline(DocumentRepository documents, DecisionRepository decisions, ReviewEscalation escalations) {
        this.documents = documents;
        this.decisions = decisions;
        this.escalations = escalations;
    }

    public List<TimelineItem> of(String projectId, Actor reader) {
        List<TimelineItem> items = new ArrayList<>();
        for (Document d : documents.ofProject(projectId)) {
            boolean mayRead = AccessPolicy.mayRead(reader, d.classification(), d.uploadedBy());
            Anchor a = d.anchor();
            items.add(new TimelineItem(d.id(), "DOCUMENT", d.stage(), d.uploadedAt(), mayRead ? d.uploadedBy() : null,
                    d.documentType(), d.version(), d.previousId(), mayRead ? d.file().originalName() : null,
                    d.file().mediaType(), d.file().size(), d.file().sha256(), d.file().sm3(), d.classification().name(),
                    null, null, null, null, d.anchorState(), a == null ? null : a.txId(),
                    a == null ? null : a.blockNumber(), a == null ? null : a.anchoredAt()));
        }
        for (Decision d : decisions.ofProject(projectId)) {
            Anchor a = d.anchor();
            items.add(new TimelineItem(d.id(), "DECISION", d.stage(), d.decidedAt(), d.actor(), null, null, null, null,
                    null, null, null, null, null, d.elementId(), d.outcome(), d.opinion(), d.reliedOn(),
                    d.anchorState(), a == null ? null : a.txId(), a == null ? null : a.blockNumber(),
                    a == null ? null : a.anchoredAt()));
        }
        // An overdue review escalated to the approvers: part of the project's story, not anchored evidence.
        for (ReviewEscalation.Escalated e : escalations.ofProject(projectId)) {
            items.add(new TimelineItem("escalation-" + e.id(), "ESCALATION", "REVIEW", e.at(), null, null, null, null,
                    null, null, null, null, null, null, e.elementId(), null, null, null, null, null, null, null));
        }
        items.sort(Comparator.comparing(TimelineItem::at).thenComparing(TimelineItem::evidenceId));
        return items;
    }
}
