package cn.landreserve.workflow.accesslog;

import cn.landreserve.workflow.chain.HashChain;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends to the hash-chained access log and checks the chain.
 *
 * <p>Appends are group-committed: a caller queues its entry and waits for the writer lock; whoever holds it takes
 * every entry queued so far (its own and those of the callers that arrived meanwhile) and writes them in one database
 * transaction — head locked, entries chained in queue order, head moved, one commit. Each caller returns only once
 * the transaction holding its entry has committed, so an entry is durable before its request is answered, and the
 * head row's lock keeps the chain strict across several service instances.
 */
@Service
public class AccessLog {

    /** Most entries written in one transaction. */
    static final int MAX_GROUP = 512;

    /** One entry as stored. */
    public record Entry(long seq, Instant at, String actor, String client, String action, String target, int status,
            String prevHash, String hash) {

        /** SHA-256 over the previous hash and the entry's fields, separated by newlines. */
        static String hashOf(String prevHash, long seq, Instant at, String actor, String client, String action,
                String target, int status) {
            return HashChain.link(prevHash, Long.toString(seq), at.toString(), actor, client, action, target,
                    Integer.toString(status));
        }
    }

    /** An entry waiting to be written, and what became of it. */
    private static final class Pending {
        final String actor;
        final String client;
        final String action;
        final String target;
        final int status;
        Entry written;
        RuntimeException failure;
        boolean done;

        Pending(String actor, String client, String action, String target, int status) {
            this.actor = actor;
            this.client = client;
            this.action = action;
            this.target = target.length() > 512 ? target.substring(0, 512) : target;
            this.status = status;
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private long commits;
    private long committedEntries;
    private volatile int inFlight;

    AccessLog(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Appends one entry and returns it once it is committed (with the entries of the callers it was grouped with).
     *
     * @throws org.springframework.dao.DataAccessException when the group's transaction failed: nothing of it was
     *     written
     */
    public Entry append(String actor, String client, String action, String target, int status) {
        Pending mine = new Pending(actor, client, action, target, status);
        queue.add(mine);
        writer.lock();
        try {
            if (!mine.done) {
                writeGroup();
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.written;
    }

    /** Under the writer lock: takes what is queued and writes it in one transaction. */
    private void writeGroup() {
        List<Pending> group = new ArrayList<>();
        for (Pending next; group.size() < MAX_GROUP && (next = queue.poll()) != null; ) {
            group.add(next);
        }
        inFlight = group.size();
        try {
            List<Entry> entries = transaction.execute(status -> insert(group));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).written = entries.get(i);
            }
            commits++;
            committedEntries += group.size();
        } catch (RuntimeException e) {
            group.forEach(p -> p.failure = e);
        } finally {
            group.forEach(p -> p.done = true);
            inFlight = 0;
        }
    }

    private List<Entry> insert(List<Pending> group) {
        var head = jdbc.sql("select seq, hash from reserve.access_log_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.seq();
        String prev = head.hash();
        // microsecond precision, as PostgreSQL stores it, so that the hash can be recomputed from the row
        Instant now = clock.instant();
        Instant at = Instant.ofEpochSecond(now.getEpochSecond(), now.getNano() / 1000 * 1000);
        List<Entry> entries = new ArrayList<>(group.size());
        List<Object[]> rows = new ArrayList<>(group.size());
        for (Pending p : group) {
            seq++;
            String hash = Entry.hashOf(prev, seq, at, p.actor, p.client, p.action, p.target, p.status);
            entries.add(new Entry(seq, at, p.actor, p.client, p.action, p.target, p.status, prev, hash));
            rows.add(new Object[] {seq, Timestamp.from(at), p.actor, p.client, p.action, p.target, p.status, prev, hash});
            prev = hash;
        }
        batch.batchUpdate("""
                insert into reserve.access_log(seq, at, actor, client, action, target, status, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        jdbc.sql("update reserve.access_log_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", seq).param("hash", prev).update();
        return entries;
    }

    /**
     * What group commit did since start.
     *
     * @param commits transactions committed
     * @param entries entries they held (entries / commits is the mean group size)
     */
    public record GroupCommits(long commits, long entries) {
    }

    /** Transactions committed and the entries they held, since this instance started. */
    public GroupCommits groupCommits() {
        writer.lock();
        try {
            return new GroupCommits(commits, committedEntries);
        } finally {
            writer.unlock();
        }
    }

    /** Transactions committed and entries they held, since start, as {commits, entries}. */
    long[] commitsAndEntries() {
        GroupCommits g = groupCommits();
        return new long[] {g.commits(), g.entries()};
    }

    /** Entries waiting for the writer lock (for tests that hold a group back). */
    int queued() {
        return queue.size();
    }

    /** Entries in the transaction being written now, 0 when none is (for tests that hold a group back). */
    int inFlight() {
        return inFlight;
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("select * from reserve.access_log order by seq desc limit :limit").param("limit", limit)
                .query((rs, n) -> new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("client"), rs.getString("action"), rs.getString("target"), rs.getInt("status"),
                        rs.getString("prev_hash"), rs.getString("hash")))
                .list();
    }

    /** Entries from {@code from} (inclusive) to {@code to} (exclusive), oldest first, one at a time (for exports). */
    public void between(Instant from, Instant to, java.util.function.Consumer<Entry> sink) {
        jdbc.sql("select * from reserve.access_log where at >= :from and at < :to order by seq")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    sink.accept(new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                            rs.getString("client"), rs.getString("action"), rs.getString("target"), rs.getInt("status"),
                            rs.getString("prev_hash"), rs.getString("hash")));
                });
    }

    /** The sequence number of the first entry whose hash or link does not hold, or -1 when the whole chain holds. */
    public long firstBrokenEntry() {
        return check().firstBroken();
    }

    /**
     * What a walk over the whole chain found: the first entry whose sequence, link or hash does not hold (or where
     * the head says entries are missing), the last entry that holds, and the head. Read in pages of 10,000 entries.
     *
     * @param firstBroken the first broken sequence number, or -1
     * @param lastGoodSeq the last entry before the break (0 before the first)
     * @param lastGoodHash its hash
     * @param brokenEntry the stored entry at the break, or {@code null} when it is missing
     * @param recomputed the hash recomputed from the broken entry's fields, or {@code null}
     * @param head the head row
     */
    public record ChainCheck(long firstBroken, long lastGoodSeq, String lastGoodHash, Entry brokenEntry,
            String recomputed, Head head) {

        /** Whether the whole chain holds. */
        public boolean intact() {
            return firstBroken < 0;
        }
    }

    /** Walks the whole chain and the head. */
    public ChainCheck check() {
        Head head = head();
        String prev = GENESIS;
        long expected = 1;
        while (true) {
            List<Entry> page = jdbc.sql("select * from reserve.access_log where seq >= :from order by seq limit 10000")
                    .param("from", expected)
                    .query((rs, n) -> new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
                            rs.getString("actor"), rs.getString("client"), rs.getString("action"),
                            rs.getString("target"), rs.getInt("status"), rs.getString("prev_hash"), rs.getString("hash")))
                    .list();
            for (Entry e : page) {
                String recomputed = Entry.hashOf(e.prevHash(), e.seq(), e.at(), e.actor(), e.client(), e.action(),
                        e.target(), e.status());
                if (e.seq() != expected) {
                    return new ChainCheck(expected, expected - 1, prev, null, null, head);
                }
                if (!e.prevHash().equals(prev) || !recomputed.equals(e.hash())) {
                    return new ChainCheck(e.seq(), expected - 1, prev, e, recomputed, head);
                }
                prev = e.hash();
                expected++;
            }
            if (page.size() < 10000) {
                break;
            }
        }
        long last = expected - 1;
        if (head.seq() > last || head.seq() == last && !head.hash().equals(prev)) {
            // entries after `last` were removed, or the head row was changed: the next append would chain onto it
            return new ChainCheck(last + 1, last, prev, null, null, head);
        }
        if (head.seq() < last) {
            // the head was moved back over entries that hold: they are outside what the head commits to
            return new ChainCheck(head.seq() + 1, head.seq(), head.hash(), null, null, head);
        }
        return new ChainCheck(-1, last, prev, null, null, head);
    }

    static final String GENESIS = "0".repeat(64);

    public record Head(long seq, String hash) {}

    public Head head() {
        return jdbc.sql("select seq, hash from reserve.access_log_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    }
}
