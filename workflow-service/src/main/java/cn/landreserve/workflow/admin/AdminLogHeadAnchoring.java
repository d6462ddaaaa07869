package cn.landreserve.workflow.admin;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.chain.LogHeadAnchor;
import cn.landreserve.workflow.chain.ScheduledHeadAnchoring;
import cn.landreserve.workflow.infra.ReserveProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Anchors the administrators' log's head on the ledger (pseudo-project {@code system-admin-log}, batches
 * {@code adminlog-<seq>}) every {@code reserve.admin-log.anchor-interval} (default 10 min), as the access log's;
 * and once a day removes the entries older than the retention period ({@code reserve.security.audit-retention},
 * default 180 days) that an anchored head covers.
 */
@Component
public class AdminLogHeadAnchoring extends ScheduledHeadAnchoring {

    public static final String PROJECT = "system-admin-log";
    private static final Logger log = LoggerFactory.getLogger(AdminLogHeadAnchoring.class);

    private final AdminLog adminLog;
    private final LogHeadAnchor anchor;
    private final Clock clock;
    private final ReserveProperties properties;

    AdminLogHeadAnchoring(AdminLog adminLog, EvidenceLedger ledger, JdbcClient jdbc, Clock clock,
            ReserveProperties properties) {
        super(properties.adminLog().anchorInterval(), "The administrators' log");
        this.adminLog = adminLog;
        this.anchor = new LogHeadAnchor(jdbc, ledger, clock, PROJECT, "adminlog-", "reserve.admin_log_anchor");
        this.clock = clock;
        this.properties = properties;
    }

    /** Anchors the current head if it is newer than the last anchored one; returns the anchored sequence, or -1. */
    @Override
    public long anchorHead() throws LedgerUnavailableException, LedgerRejectedException {
        AdminLog.Head head = adminLog.head();
        return anchor.anchor(head.seq(), head.hash());
    }

    @Scheduled(fixedDelayString = "P1D", initialDelayString = "PT1H")
    public void applyRetention() {
        int removed = adminLog.removeOlderThan(clock.instant().minus(properties.security().auditRetention()));
        if (removed > 0) {
            log.info("Removed {} administrators' log entries older than {}", removed,
                    properties.security().auditRetention());
        }
    }
}
