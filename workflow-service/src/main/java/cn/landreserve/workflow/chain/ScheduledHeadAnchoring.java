package cn.landreserve.workflow.chain;

import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A hash-chained log whose head is anchored on the ledger every {@code interval} (a setting), first after one
 * interval; while the ledger cannot take it, the next round tries again.
 */
public abstract class ScheduledHeadAnchoring implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledHeadAnchoring.class);

    private final Duration interval;
    private final String logName;

    protected ScheduledHeadAnchoring(Duration interval, String logName) {
        this.interval = interval;
        this.logName = logName;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::anchorHeadOnSchedule, interval, interval));
    }

    public void anchorHeadOnSchedule() {
        try {
            anchorHead();
        } catch (LedgerUnavailableException | LedgerRejectedException e) {
            log.warn("{} head not anchored this time: {}", logName, e.getMessage());
        }
    }

    /** Anchors the log's current head if there is something new to anchor; returns its sequence, or -1. */
    public abstract long anchorHead() throws LedgerUnavailableException, LedgerRejectedException;
}
