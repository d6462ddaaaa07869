package cn.landreserve.workflow.evidence;

import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Anchors uploaded documents soon after they are stored, without waiting for their task to be completed, so that
 * every acknowledged upload reaches the ledger even if its task is never finished (or the service was killed).
 * Several instances may sweep at once: the ledger answers a record it already holds with its first anchoring.
 */
@Component
public class PendingDocumentSweeper {

    private static final Logger log = LoggerFactory.getLogger(PendingDocumentSweeper.class);

    private final EvidenceAnchoring anchoring;
    private final JdbcClient jdbc;

    PendingDocumentSweeper(EvidenceAnchoring anchoring, JdbcClient jdbc) {
        this.anchoring = anchoring;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${reserve.workflow.document-anchor-interval:PT10S}",
            initialDelayString = "${reserve.workflow.document-anchor-interval:PT10S}")
    public void onSchedule() {
        sweep();
    }

    /** Returns how many records (versions of projects' facts, then documents) were anchored now. */
    public int sweep() {
        int anchored = 0;
        for (String projectId : jdbc.sql("select distinct project_id from reserve.project_version where anchor_state = 'PENDING'")
                .query(String.class).list()) {
            try {
                anchored += anchoring.anchorPendingFacts(projectId);
            } catch (LedgerUnavailableException e) {
                log.debug("Ledger unavailable; pending facts of {} wait: {}", projectId, e.getMessage());
                return anchored;
            } catch (LedgerRejectedException e) {
                log.warn("The ledger refused a version of the facts of project {}: {}", projectId, e.getMessage());
            }
        }
        for (String projectId : jdbc.sql("select distinct project_id from reserve.document where anchor_state = 'PENDING'")
                .query(String.class).list()) {
            try {
                anchored += anchoring.anchorPendingDocuments(projectId);
            } catch (LedgerUnavailableException e) {
                log.debug("Ledger unavailable; pending documents of {} wait: {}", projectId, e.getMessage());
                return anchored;
            } catch (LedgerRejectedException e) {
                log.warn("The ledger refused a document of project {}: {}", projectId, e.getMessage());
            }
        }
        return anchored;
    }
}
