package cn.landreserve.workflow.accesslog;

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
import org.springframework.stereotype.Component;

/**
 * Anchors the access log's head on the ledger every {@code reserve.access-log.anchor-interval} (default 10 min),
 * when it moved: a one-digest batch of the pseudo-project {@code system-access-log}. With several instances the
 * same head may be sent twice: the ledger answers the second with the first anchoring. The whole chain is walked
 * first; a head is never anchored over a broken chain — the break is raised and anchored instead
 * ({@link AccessLogBreaks}).
 */
@Component
public class AccessLogHeadAnchoring extends ScheduledHeadAnchoring {

    public static final String PROJECT = "system-access-log";
    private static final Logger log = LoggerFactory.getLogger(AccessLogHeadAnchoring.class);

    private final AccessLogBreaks breaks;
    private final LogHeadAnchor anchor;

    AccessLogHeadAnchoring(AccessLogBreaks breaks, EvidenceLedger ledger, JdbcClient jdbc, Clock clock,
            ReserveProperties settings) {
        super(settings.accessLog().anchorInterval(), "The access log");
        this.breaks = breaks;
        this.anchor = new LogHeadAnchor(jdbc, ledger, clock, PROJECT, "accesslog-", "reserve.access_log_anchor");
    }

    /**
     * Anchors the current head if the chain up to it holds and it is newer than the last anchored one; returns the
     * anchored sequence, or -1 (nothing new, or the chain is broken: then the break is an incident, anchored).
     */
    @Override
    public long anchorHead() throws LedgerUnavailableException, LedgerRejectedException {
        AccessLog.ChainCheck check = breaks.check();
        if (!check.intact()) {
            log.error("Access log head {} not anchored: the chain is broken at entry {}", check.head().seq(),
                    check.firstBroken());
            return -1;
        }
        return anchor.anchor(check.head().seq(), check.head().hash());
    }
}
