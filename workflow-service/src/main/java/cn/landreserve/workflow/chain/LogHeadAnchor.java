package cn.landreserve.workflow.chain;

import cn.landreserve.ledger.BatchAnchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Anchors a hash-chained log's head on the ledger as a one-digest batch of a pseudo-project (e.g.
 * {@code system-access-log}, batch {@code accesslog-<seq>}), when it moved since the last anchored head, and
 * records the anchoring in the log's anchor table. With several instances the same head may be sent twice: the
 * ledger answers the second with the first anchoring.
 */
public final class LogHeadAnchor {

    private final JdbcClient jdbc;
    private final EvidenceLedger ledger;
    private final Clock clock;
    private final String pseudoProject;
    private final String batchPrefix;
    private final String anchorTable;

    /** {@code anchorTable} is a constant of the calling log (columns seq, hash, evidence_id, tx_id, anchored_at). */
    public LogHeadAnchor(JdbcClient jdbc, EvidenceLedger ledger, Clock clock, String pseudoProject, String batchPrefix,
            String anchorTable) {
        if (!anchorTable.matches("reserve\\.[a-z_]+")) {
            throw new IllegalArgumentException("not a table of schema reserve: " + anchorTable);
        }
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.pseudoProject = pseudoProject;
        this.batchPrefix = batchPrefix;
        this.anchorTable = anchorTable;
    }

    /** Anchors the head {@code (seq, hash)} if it is newer than the last anchored one; returns seq, or -1. */
    public long anchor(long seq, String hash) throws LedgerUnavailableException, LedgerRejectedException {
        long last = jdbc.sql("select coalesce(max(seq), 0) from " + anchorTable).query(Long.class).single();
        if (seq <= last) {
            return -1;
        }
        String batchId = batchPrefix + seq;
        BatchAnchoring anchoring = ledger.anchorBatch(pseudoProject, batchId, List.of(hash));
        jdbc.sql("insert into " + anchorTable + "(seq, hash, evidence_id, tx_id, anchored_at)"
                        + " values (:seq, :hash, :id, :tx, :at) on conflict (seq) do nothing")
                .param("seq", seq).param("hash", hash).param("id", batchId)
                .param("tx", anchoring.anchoring().txId()).param("at", Timestamp.from(clock.instant())).update();
        return seq;
    }
}
