package cn.landreserve.workflow.evidence;

import cn.landreserve.chaincode.Classification;
import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.GroupCommit;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.EvidenceId;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.project.ProjectVersion;
import cn.landreserve.workflow.project.ProjectVersionRepository;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.task.DecisionRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anchors a project's pending evidence on the ledger: the project's facts, documents (decisions rely on them), then
 * decisions, each in the order it was recorded. Safe to run again after any failure: the ledger returns the
 * existing anchoring for a record it already holds, and a record that differs from the anchored one is refused.
 *
 * <p>One owner per pending record: a worker first claims the project ({@link AnchorClaims}), so concurrent jobs,
 * the sweeper and other service instances never send the same pending record at once. The records go through
 * {@link GroupCommit}, in one ledger transaction shared with other workers' records; if the ledger refuses it,
 * they are sent one by one so that each refusal lands on its own record.
 */
@Service
public class EvidenceAnchoring {

    private static final Logger log = LoggerFactory.getLogger(EvidenceAnchoring.class);

    private final ProjectVersionRepository versions;
    private final DocumentRepository documents;
    private final DecisionRepository decisions;
    private final EvidenceLedger ledger;
    private final GroupCommit group;
    private final AnchorClaims claims;
    private final Duration patience;
    private final TransactionTemplate ownTransaction;

    EvidenceAnchoring(ProjectVersionRepository versions, DocumentRepository documents, DecisionRepository decisions,
            EvidenceLedger ledger, GroupCommit group, AnchorClaims claims, ReserveProperties properties,
            PlatformTransactionManager transactions) {
        this.versions = versions;
        this.documents = documents;
        this.decisions = decisions;
        this.ledger = ledger;
        this.group = group;
        this.claims = claims;
        this.patience = properties.ledger().groupCommit().claimLease();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Anchors everything pending of a project (facts, documents, decisions) as its one owner, waiting for another
     * owner to finish first; returns how many records were anchored now. When this returns, nothing of the
     * project that was pending when it was called is still pending (evidence before effect).
     */
    public int anchorPending(ProjectId projectId) throws LedgerUnavailableException, LedgerRejectedException {
        try (AnchorClaims.Claim claim = claims.claim(projectId, patience)) {
            return anchorClaimed(List.of(claim.projectId()), true);
        }
    }

    /**
     * Anchors the pending facts and documents of each project nobody else is anchoring now, in shared
     * transactions; returns how many records were anchored now.
     */
    public int anchorPendingFactsAndDocuments(List<String> projectIds)
            throws LedgerUnavailableException, LedgerRejectedException {
        List<AnchorClaims.Claim> held = new ArrayList<>();
        try {
            for (String projectId : projectIds) {
                claims.tryClaim(new ProjectId(projectId)).ifPresent(held::add);
            }
            return held.isEmpty() ? 0 : anchorClaimed(held.stream().map(AnchorClaims.Claim::projectId).toList(), false);
        } finally {
            for (AnchorClaims.Claim claim : held) {
                claim.close();
            }
        }
    }

    /** The pending records of projects this worker has claimed, in one group; one by one if the group is refused. */
    private int anchorClaimed(List<String> projectIds, boolean withDecisions)
            throws LedgerUnavailableException, LedgerRejectedException {
        List<EvidenceRecord> records = new ArrayList<>();
        for (String projectId : projectIds) {
            versions.pending(projectId).forEach(v -> records.add(v.record()));
            documents.pending(projectId).forEach(d -> records.add(record(d)));
            if (withDecisions) {
                decisions.pending(projectId).forEach(d -> records.add(record(d)));
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        List<Anchoring> anchorings;
        try {
            anchorings = group.anchor(records);
        } catch (LedgerRejectedException e) {
            log.debug("A group of {} records was refused ({}); anchoring them one by one", records.size(),
                    e.getMessage());
            int anchored = 0;
            for (String projectId : projectIds) {
                if (withDecisions) {
                    anchored += anchorOneByOne(projectId);
                    continue;
                }
                try {
                    anchored += anchorPendingFacts(projectId) + anchorPendingDocuments(projectId);
                } catch (LedgerRejectedException refused) {
                    log.warn("The ledger refused a pending record of project {}: {}", projectId, refused.getMessage());
                }
            }
            return anchored;
        }
        committed(() -> {
            for (int i = 0; i < records.size(); i++) {
                markAnchored(records.get(i), anchor(anchorings.get(i)));
            }
        });
        log.debug("Anchored {} records of {} projects in shared transactions", records.size(), projectIds.size());
        return records.size();
    }

    /**
     * Records what the ledger answered in a transaction of its own, committed before the project's claim is
     * released: the next owner must not find anchored records still pending (a job's own transaction may roll
     * back; the ledger does not).
     */
    private void committed(Runnable marks) {
        ownTransaction.executeWithoutResult(status -> marks.run());
    }

    private void markAnchored(EvidenceRecord record, Anchor anchor) {
        switch (record.kind()) {
            case PROJECT -> versions.markAnchored(new EvidenceId(record.evidenceId()), anchor);
            case DOCUMENT -> documents.markAnchored(new EvidenceId(record.evidenceId()), anchor);
            case DECISION -> decisions.markAnchored(new EvidenceId(record.evidenceId()), anchor);
            default -> throw new IllegalStateException("not a pending kind: " + record.kind());
        }
    }

    /** Returns how many records were anchored now: the project's facts, then documents, then decisions. */
    private int anchorOneByOne(String projectId) throws LedgerUnavailableException, LedgerRejectedException {
        int anchored = anchorPendingFacts(projectId);
        anchored += anchorPendingDocuments(projectId);
        for (Decision decision : decisions.pending(projectId)) {
            Anchoring a = ledger.anchorDecision(record(decision));
            committed(() -> decisions.markAnchored(new EvidenceId(decision.id()), anchor(a)));
            anchored++;
        }
        if (anchored > 0) {
            log.debug("Anchored {} records of project {}", anchored, projectId);
        }
        return anchored;
    }

    /** Versions of a project's facts not yet on the ledger, in version order, one transaction each. */
    private int anchorPendingFacts(String projectId) throws LedgerUnavailableException, LedgerRejectedException {
        int anchored = 0;
        for (ProjectVersion version : versions.pending(projectId)) {
            Anchoring a = ledger.anchorProject(version.record());
            committed(() -> versions.markAnchored(new EvidenceId(version.id()), anchor(a)));
            anchored++;
        }
        return anchored;
    }

    /** A project's documents not yet on the ledger, in upload order, one transaction each. */
    private int anchorPendingDocuments(String projectId) throws LedgerUnavailableException, LedgerRejectedException {
        int anchored = 0;
        for (Document document : documents.pending(projectId)) {
            Anchoring a;
            try {
                a = ledger.anchorDocument(record(document));
            } catch (LedgerRejectedException e) {
                if (e.code() == ErrorCode.PROJECT_SEALED) {
                    // it can never be anchored: an incident for the operators, not a warning every sweep
                    committed(() -> documents.markRefused(new EvidenceId(document.id()), e.code().name() + ": " + e.getMessage()));
                    log.error("Document {} of project {} can never be anchored: {}", document.id(), projectId,
                            e.getMessage());
                    continue;
                }
                throw e;
            }
            Anchoring answer = a;
            committed(() -> documents.markAnchored(new EvidenceId(document.id()), anchor(answer)));
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
