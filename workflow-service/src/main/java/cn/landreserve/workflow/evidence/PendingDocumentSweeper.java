package cn.landreserve.workflow.evidence;

import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.infra.ReserveProperties;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Anchors uploaded documents soon after they are stored, without waiting for their task to be completed, so that
 * every acknowledged upload reaches the ledger even if its task is never finished (or the service was killed).
 * Several instances may sweep at once: each project's pending records have one owner at a time (AnchorClaims).
 */
@Component
public class PendingDocumentSweeper implements SchedulingConfigurer {

    static final int PROJECTS_PER_ROUND = 50;

    private static final Logger log = LoggerFactory.getLogger(PendingDocumentSweeper.class);

    private final EvidenceAnchoring anchoring;
    private final JdbcClient jdbc;
    private final Duration interval;

    PendingDocumentSweeper(EvidenceAnchoring anchoring, JdbcClient jdbc, ReserveProperties settings) {
        this.interval = settings.workflow().documentAnchorInterval();
        this.anchoring = anchoring;
        this.jdbc = jdbc;
    }

    /** Runs every {@code interval} (a setting), first after one interval. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::onSchedule, interval, interval));
    }

    public void onSchedule() {
        sweep();
    }

    /**
     * Returns how many records (versions of projects' facts, then documents) were anchored now. Projects another
     * worker is anchoring are left to it; the rest go to the ledger in shared transactions, up to
     * {@value #PROJECTS_PER_ROUND} projects at a time.
     */
    public int sweep() {
        List<String> projectIds = jdbc.sql("""
                select project_id from reserve.project_version where anchor_state = 'PENDING'
                union select project_id from reserve.document where anchor_state = 'PENDING'
                order by 1""").query(String.class).list();
        int anchored = 0;
        for (int from = 0; from < projectIds.size(); from += PROJECTS_PER_ROUND) {
            List<String> round = projectIds.subList(from, Math.min(projectIds.size(), from + PROJECTS_PER_ROUND));
            try {
                anchored += anchoring.anchorPendingFactsAndDocuments(round);
            } catch (LedgerUnavailableException e) {
                log.debug("Ledger unavailable; pending facts and documents wait: {}", e.getMessage());
                return anchored;
            } catch (LedgerRejectedException e) {
                log.warn("The ledger refused a pending record of projects {}: {}", round, e.getMessage());
            }
        }
        return anchored;
    }
}
