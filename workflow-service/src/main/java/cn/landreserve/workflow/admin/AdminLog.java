package cn.landreserve.workflow.admin;

import cn.landreserve.workflow.chain.HashChain;
import cn.landreserve.workflow.security.SecurityEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrators' log: every administrative action and security event, hash-chained exactly as the access log
 * is ({@link HashChain}); the database refuses to change or delete an entry, except the retention job removing the
 * oldest ones, which leaves where the kept chain starts.
 */
@Service
public class AdminLog {

    /** One entry as stored. */
    public record Entry(long seq, Instant at, String actor, String role, String client, String action, String target,
            String detail, String outcome, String prevHash, String hash) {

        static String hashOf(String prevHash, long seq, Instant at, String actor, String role, String client,
                String action, String target, String detail, String outcome) {
            return HashChain.link(prevHash, Long.toString(seq), at.toString(), actor, role, client, action, target,
                    detail, outcome);
        }
    }

    public record Head(long seq, String hash) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    AdminLog(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Security events from sign-in and from the administration services. */
    @EventListener
    void on(SecurityEvent event) {
        append(event);
    }

    /** Appends in a transaction of its own: an entry stays even if the caller's work is rolled back. */
    public Entry append(SecurityEvent e) {
        return ownTransaction.execute(status -> {
            Head head = jdbc.sql("select seq, hash from reserve.admin_log_head where id = 1 for update")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
            long seq = head.seq() + 1;
            Instant now = clock.instant();
            Instant at = Instant.ofEpochSecond(now.getEpochSecond(), now.getNano() / 1000 * 1000);
            String actor = cut(e.actor(), 64);
            String role = cut(e.role(), 32);
            String client = cut(e.client(), 64);
            String action = cut(e.action(), 32);
            String target = cut(e.target(), 200);
            String detail = cut(e.detail(), 1000);
            String outcome = cut(e.outcome(), 32);
            String hash = Entry.hashOf(head.hash(), seq, at, actor, role, client, action, target, detail, outcome);
            jdbc.sql("""
                    insert into reserve.admin_log(seq, at, actor, role, client, action, target, detail, outcome,
                        prev_hash, hash)
                    values (:seq, :at, :actor, :role, :client, :action, :target, :detail, :outcome, :prev, :hash)""")
                    .param("seq", seq).param("at", Timestamp.from(at)).param("actor", actor).param("role", role)
                    .param("client", client).param("action", action).param("target", target).param("detail", detail)
                    .param("outcome", outcome).param("prev", head.hash()).param("hash", hash).update();
            jdbc.sql("update reserve.admin_log_head set seq = :seq, hash = :hash where id = 1")
                    .param("seq", seq).param("hash", hash).update();
            return new Entry(seq, at, actor, role, client, action, target, detail, outcome, head.hash(), hash);
        });
    }

    private static String cut(String value, int max) {
        String v = value == null ? "-" : value;
        return v.length() > max ? v.substring(0, max) : v;
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("select * from reserve.admin_log order by seq desc limit :limit").param("limit", limit)
                .query((rs, n) -> entry(rs)).list();
    }

    /** Entries from {@code from} (inclusive) to {@code to} (exclusive), oldest first, one at a time. */
    public void between(Instant from, Instant to, Consumer<Entry> sink) {
        jdbc.sql("select * from reserve.admin_log where at >= :from and at < :to order by seq")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    sink.accept(entry(rs));
                });
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("role"), rs.getString("client"), rs.getString("action"), rs.getString("target"),
                rs.getString("detail"), rs.getString("outcome"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    /**
     * The sequence number of the first entry whose hash or link does not hold, or -1 when the whole kept chain
     * holds. The kept chain starts after the last entry the retention job removed.
     */
    public long firstBrokenEntry() {
        Head start = retainedFrom();
        String[] prev = {start.hash()};
        long[] expectedSeq = {start.seq() + 1};
        long[] broken = {-1};
        jdbc.sql("select * from reserve.admin_log order by seq").query(rs -> {
            if (broken[0] >= 0) {
                return;
            }
            Entry e = entry(rs);
            String recomputed = Entry.hashOf(e.prevHash(), e.seq(), e.at(), e.actor(), e.role(), e.client(), e.action(),
                    e.target(), e.detail(), e.outcome());
            if (e.seq() != expectedSeq[0] || !e.prevHash().equals(prev[0]) || !recomputed.equals(e.hash())) {
                broken[0] = e.seq();
                return;
            }
            prev[0] = e.hash();
            expectedSeq[0] = e.seq() + 1;
        });
        if (broken[0] < 0) {
            Head head = head();
            if (head.seq() != expectedSeq[0] - 1 || !head.hash().equals(prev[0])) {
                broken[0] = expectedSeq[0]; // the newest entries were removed
            }
        }
        return broken[0];
    }

    public Head head() {
        return jdbc.sql("select seq, hash from reserve.admin_log_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    }

    /** The last entry removed by the retention job (sequence 0 and the genesis hash when none was). */
    public Head retainedFrom() {
        return jdbc.sql("select pruned_seq, pruned_hash from reserve.admin_log_retention where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    }

    /**
     * Removes the entries older than {@code before} that are covered by an anchored head, oldest first, and records
     * where the kept chain now starts. Returns how many were removed.
     */
    public int removeOlderThan(Instant before) {
        Integer removed = ownTransaction.execute(status -> {
            long last = jdbc.sql("""
                    select coalesce(max(seq), -1) from reserve.admin_log
                    where at < :before and seq <= (select coalesce(max(seq), 0) from reserve.admin_log_anchor)""")
                    .param("before", Timestamp.from(before)).query(Long.class).single();
            if (last < 0) {
                return 0;
            }
            String lastHash = jdbc.sql("select hash from reserve.admin_log where seq = :s").param("s", last)
                    .query(String.class).single();
            jdbc.sql("select set_config('reserve.admin_log_prune', 'on', true)").query(String.class).single();
            int n = jdbc.sql("delete from reserve.admin_log where seq <= :s").param("s", last).update();
            jdbc.sql("update reserve.admin_log_retention set pruned_seq = :s, pruned_hash = :h where id = 1")
                    .param("s", last).param("h", lastHash).update();
            return n;
        });
        return removed == null ? 0 : removed;
    }
}
