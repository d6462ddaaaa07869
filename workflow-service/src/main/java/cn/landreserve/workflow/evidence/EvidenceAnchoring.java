package cn.landreserve.workflow.evidence;

import cn.landreserve.chaincode.Classification;
import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.project.ProjectVersion;
import cn.landreserve.workflow.project.ProjectVersionRepository;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.task.DecisionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Anchors a project's pending evidence on the ledger: documents first (decisions rely on them), then decisions,
 * each in the order it was recorded. Safe to run again after any failure: the ledger returns the existing
 * anchoring for a record it already holds, and a record that differs from the anchored one is refused.
 */
@Service
public class EvidenceAnchoring {

    private static final Logger log = LoggerFactory.getLogger(EvidenceAnchoring.class);

    private final ProjectVersionRepository versions;
    private final DocumentRepository documents;
    private final DecisionRepository decisions;
    private final EvidenceLedger ledger;

    EvidenceAnchoring(ProjectVersionRepository versions, DocumentRepository documents, DecisionRepository decisions,
            EvidenceLedger ledger) {
        this.versions = versions;
        this.documents = documents;
        this.decisions = decisions;
        this.ledger = ledger;
    }

    /** Returns how many records were anchored now: the project's facts, then documents, then decisions. */
    public int anchorPending(String projectId) throws LedgerUnavailableException, LedgerRejectedException {
        int anchored = anchorPendingFacts(projectId);
        anchored += anchorPendingDocuments(projectId);
        for (Decision decision : decisions.pending(projectId)) {
            Anchoring a = ledger.anchorDecision(record(decision));
            decisions.markAnchored(decision.id(), anchor(a));
            anchored++;
        }
        if (anchored > 0) {
            log.debug("Anchored {} records of project {}", anchored, projectId);
        }
        return anchored;
    }

    /** Versions of a project's facts not yet on the ledger, in version order. */
    public int anchorPendingFacts(String projectId) throws LedgerUnavailableException, LedgerRejectedException {
        int anchored = 0;
        for (ProjectVersion version : versions.pending(projectId)) {
            Anchoring a = ledger.anchorProject(version.record());
            versions.markAnchored(version.id(), anchor(a));
            anchored++;
        }
        return anchored;
    }

    /** A project's documents not yet on the ledger, in upload order. */
    public int anchorPendingDocuments(String projectId) throws LedgerUnavailableException, LedgerRejectedException {
        int anchored = 0;
        for (Document document : documents.pending(projectId)) {
            Anchoring a;
            try {
                a = ledger.anchorDocument(record(document));
            } catch (LedgerRejectedException e) {
                if (e.code() == ErrorCode.PROJECT_SEALED) {
                    // it can never be anchored: an incident for the operators, not a warning every sweep
                    documents.markRefused(document.id(), e.code().name() + ": " + e.getMessage());
                    log.error("Document {} of project {} can never be anchored: {}", document.id(), projectId,
                            e.getMessage());
                    continue;
                }
                throw e;
            }
            documents.markAnchored(document.id(), anchor(a));
            anchored++;
        }
        return anchored;
    }

    public static DocumentRecord record(Document d) {
        return new DocumentRecord(d.id(), d.projectId(), d.stage(), d.documentType(), d.version(), d.previousId(),
                d.file().sha256(), d.file().sm3(), d.file().size(), d.file().mediaType(),
                Classification.valueOf(d.classification().name()), d.uploadedBy(), d.uploadedAt().toString(),
                d.file().originalNameSha256());
    }

    public static DecisionRecord record(Decision d) {
        return new DecisionRecord(d.id(), d.projectId(), d.stage(), d.taskId(), d.elementId(), d.processDefinitionId(),
                d.processDefinitionVersion(), d.outcome(), d.opinionSha256(), d.actor(), d.role(), d.reliedOn(),
                d.decidedAt().toString());
    }

    private static Anchor anchor(Anchoring a) {
        return new Anchor(a.txId(), a.blockNumber(), java.time.Instant.parse(a.anchoredAt()));
    }
}
