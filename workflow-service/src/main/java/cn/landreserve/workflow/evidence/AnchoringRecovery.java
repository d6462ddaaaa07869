package cn.landreserve.workflow.evidence;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.lifecycle.LifecycleProcess;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * After an outage longer than the anchoring jobs' retries, their incidents would wait for an operator. When the
 * ledger answers again, this gives the failed anchoring and sealing jobs their retries back, so the backlog drains
 * by itself; operators still see every incident while it lasts ({@code /api/ops/status}).
 */
@Component
public class AnchoringRecovery {

    private static final Logger log = LoggerFactory.getLogger(AnchoringRecovery.class);

    private final EvidenceLedger ledger;
    private final WorkflowEngine engine;

    AnchoringRecovery(EvidenceLedger ledger, WorkflowEngine engine) {
        this.ledger = ledger;
        this.engine = engine;
    }

    @Scheduled(fixedDelayString = "${reserve.workflow.anchor-recovery-interval:PT1M}",
            initialDelayString = "${reserve.workflow.anchor-recovery-interval:PT1M}")
    public void onSchedule() {
        recover();
    }

    /** Returns how many failed jobs got their retries back (none while the ledger is down). */
    public int recover() {
        if (!ledger.health().up()) {
            return 0;
        }
        int retried = engine.retryFailedJobsOf(
                Set.of(LifecycleProcess.ANCHOR_DELEGATE, LifecycleProcess.SEAL_DELEGATE), 3);
        if (retried > 0) {
            log.info("The ledger answers again: {} failed anchoring jobs retried", retried);
        }
        return retried;
    }
}
