package cn.landreserve.workflow.accesslog;

import cn.landreserve.ledger.BatchAnchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A broken access-log chain is an operator incident and goes on the ledger: {@link #check()} walks the chain; on a
 * break it records the incident (once per break, across instances) and anchors a statement of the break as a
 * one-digest batch {@code accesslog-break-<seq>-<millis>} of {@link AccessLogHeadAnchoring#PROJECT}. While the
 * ledger cannot be reached the incident stays unanchored and the next check tries again. An intact chain closes the
 * open incidents (the anchored statements stay).
 */
@Component
public class AccessLogBreaks {

    private static final Logger log = LoggerFactory.getLogger(AccessLogBreaks.class);

    /** An incident: where the chain broke, when it was found, and where its statement is anchored (if it is yet). */
    public record Incident(long firstBrokenEntry, Instant detectedAt, String evidenceId, String digest, String txId,
            Long blockNumber, Instant anchoredAt, String statement) {
    }

    private final AccessLog accessLog;
    private final EvidenceLedger ledger;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Instant lastChecked;
    private volatile long lastFirstBroken = -1;

    AccessLogBreaks(AccessLog accessLog, EvidenceLedger ledger, JdbcClient jdbc, Clock clock) {
        this.accessLog = accessLog;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Walks the chain; records and anchors a break, or closes the open incidents when the chain holds. */
    public AccessLog.ChainCheck check() {
        AccessLog.ChainCheck check = accessLog.check();
        Instant now = clock.instant();
        lastChecked = now;
        lastFirstBroken = check.firstBroken();
        if (check.intact()) {
            int closed = jdbc.sql("update reserve.access_log_break set resolved_at = :now where resolved_at is null")
                    .param("now", Timestamp.from(now)).update();
            if (closed > 0) {
                log.warn("Access log chain holds again; {} incident(s) closed (their statements stay on the ledger)",
                        closed);
            }
            return check;
        }
        record(check, now);
        anchorUnanchored();
        return check;
    }

    private void record(AccessLog.ChainCheck check, Instant now) {
        String statement = statement(check, now);
        String digest = sha256(statement);
        String evidenceId = "accesslog-break-" + check.firstBroken() + "-" + now.toEpochMilli();
        int inserted = jdbc.sql("""
                insert into reserve.access_log_break(first_broken_seq, detected_at, statement, digest, evidence_id)
                values (:seq, :at, :statement, :digest, :id)
                on conflict (first_broken_seq) where resolved_at is null do nothing""")
                .param("seq", check.firstBroken()).param("at", Timestamp.from(now)).param("statement", statement)
                .param("digest", digest).param("id", evidenceId).update();
        if (inserted > 0) {
            log.error("Access log chain broken at entry {} (last good entry {}): incident {} raised; the head is not"
                    + " anchored until the chain holds", check.firstBroken(), check.lastGoodSeq(), evidenceId);
        }
    }

    private void anchorUnanchored() {
        List<Incident> pending = jdbc.sql("select * from reserve.access_log_break where tx_id is null order by id")
                .query((rs, n) -> incident(rs)).list();
        for (Incident incident : pending) {
            try {
                BatchAnchoring anchoring = ledger.anchorBatch(AccessLogHeadAnchoring.PROJECT, incident.evidenceId(),
                        List.of(incident.digest()));
                jdbc.sql("""
                        update reserve.access_log_break set tx_id = :tx, block_number = :block, anchored_at = :at
                        where evidence_id = :id""")
                        .param("tx", anchoring.anchoring().txId()).param("block", anchoring.anchoring().blockNumber())
                        .param("at", Timestamp.from(clock.instant())).param("id", incident.evidenceId()).update();
                log.error("Access log break at entry {} anchored on the ledger as {} (transaction {})",
                        incident.firstBrokenEntry(), incident.evidenceId(), anchoring.anchoring().txId());
            } catch (LedgerUnavailableException | LedgerRejectedException e) {
                log.warn("Access log break {} not anchored yet: {}", incident.evidenceId(), e.getMessage());
            }
        }
    }

    /** Open incidents, newest first. */
    public List<Incident> open() {
        return jdbc.sql("select * from reserve.access_log_break where resolved_at is null order by id desc")
                .query((rs, n) -> incident(rs)).list();
    }

    /** What the access log's group commit did since this instance started. */
    public AccessLog.GroupCommits groupCommits() {
        return accessLog.groupCommits();
    }

    /** When this instance last walked the chain, or {@code null}. */
    public Instant lastChecked() {
        return lastChecked;
    }

    /** The first broken entry at this instance's last walk, or -1 (intact, or not walked yet). */
    public long lastFirstBroken() {
        return lastFirstBroken;
    }

    private static Incident incident(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp anchoredAt = rs.getTimestamp("anchored_at");
        long block = rs.getLong("block_number");
        return new Incident(rs.getLong("first_broken_seq"), rs.getTimestamp("detected_at").toInstant(),
                rs.getString("evidence_id"), rs.getString("digest"), rs.getString("tx_id"),
                rs.wasNull() ? null : block, anchoredAt == null ? null : anchoredAt.toInstant(),
                rs.getString("statement"));
    }

    /** The text whose SHA-256 is anchored: enough to say where the chain broke and what was found there. */
    static String statement(AccessLog.ChainCheck check, Instant detectedAt) {
        AccessLog.Entry broken = check.brokenEntry();
        String found = broken == null ? "missing, or the head does not match"
                : "prev_hash " + broken.prevHash() + ", stored hash " + broken.hash() + ", recomputed hash "
                        + check.recomputed();
        return String.join("\n",
                "land reserve evidence service: access log chain broken",
                "first broken entry: " + check.firstBroken(),
                "last good entry: " + check.lastGoodSeq() + " " + check.lastGoodHash(),
                "entry " + check.firstBroken() + ": " + found,
                "head: " + check.head().seq() + " " + check.head().hash(),
                "detected at: " + detectedAt) + "\n";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
