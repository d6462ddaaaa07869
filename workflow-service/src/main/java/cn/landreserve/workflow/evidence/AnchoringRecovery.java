package cn.landreserve.workflow.evidence;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.lifecycle.LifecycleProcess;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * After an outage longer than the anchoring jobs' retries, their incidents would wait for an operator. When the
 * ledger answers again, this gives the failed anchoring and sealing jobs their retries back, so the backlog drains
 * by itself; operators still see every incident while it lasts ({@code /api/ops/status}).
 */
@Component
public class AnchoringRecovery implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AnchoringRecovery.class);

    private final EvidenceLedger ledger;
    private final WorkflowEngine engine;
    private final Duration interval;

    AnchoringRecovery(EvidenceLedger ledger, WorkflowEngine engine, ReserveProperties settings) {
        this.interval = settings.workflow().anchorRecoveryInterval();
        this.ledger = ledger;
        this.engine = engine;
    }

    /** Runs every {@code interval} (a setting), first after one interval. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::onSchedule, interval, interval));
    }

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
