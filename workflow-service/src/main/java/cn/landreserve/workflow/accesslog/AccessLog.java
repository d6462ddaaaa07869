package cn.landreserve.workflow.accesslog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends to the hash-chained access log and checks the chain. */
@Service
public class AccessLog {

    /** One entry as stored. */
    public record Entry(long seq, Instant at, String actor, String client, String action, String target, int status,
            String prevHash, String hash) {

        /** SHA-256 over the previous hash and the entry's fields, separated by newlines. */
        static String hashOf(String prevHash, long seq, Instant at, String actor, String client, String action,
                String target, int status) {
            String line = String.join("\n", prevHash, Long.toString(seq), at.toString(), actor, client, action, target,
                    Integer.toString(status));
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Entry append(String actor, String client, String action, String target, int status) {
        var head = jdbc.sql("select seq, hash from reserve.access_log_head where id = 1 for update")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
        long seq = (Long) head[0] + 1;
        String prev = (String) head[1];
        // microsecond precision, as PostgreSQL stores it, so that the hash can be recomputed from the row
        Instant now = clock.instant();
        Instant at = Instant.ofEpochSecond(now.getEpochSecond(), now.getNano() / 1000 * 1000);
        String cutTarget = target.length() > 512 ? target.substring(0, 512) : target;
        String hash = Entry.hashOf(prev, seq, at, actor, client, action, cutTarget, status);
        jdbc.sql("""
                insert into reserve.access_log(seq, at, actor, client, action, target, status, prev_hash, hash)
                values (:seq, :at, :actor, :client, :action, :target, :status, :prev, :hash)""")
                .param("seq", seq).param("at", Timestamp.from(at)).param("actor", actor).param("client", client)
                .param("action", action).param("target", cutTarget).param("status", status).param("prev", prev)
                .param("hash", hash).update();
        jdbc.sql("update reserve.access_log_head set seq = :seq, hash = :hash where id = 1")
                .param("seq", seq).param("hash", hash).update();
        return new Entry(seq, at, actor, client, action, cutTarget, status, prev, hash);
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("select * from reserve.access_log order by seq desc limit :limit").param("limit", limit)
                .query((rs, n) -> new Entry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("client"), rs.getString("action"), rs.getString("target"), rs.getInt("status"),
                        rs.getString("prev_hash"), rs.getString("hash")))
                .list();
    }

    /** The sequence number of the first entry whose hash or link does not hold, or -1 when the whole chain holds. */
    public long firstBrokenEntry() {
        String[] prev = {"0".repeat(64)};
        long[] expectedSeq = {1};
        long[] broken = {-1};
        jdbc.sql("select * from reserve.access_log order by seq").query(rs -> {
            if (broken[0] >= 0) {
                return;
            }
            long seq = rs.getLong("seq");
            String recomputed = Entry.hashOf(rs.getString("prev_hash"), seq, rs.getTimestamp("at").toInstant(),
                    rs.getString("actor"), rs.getString("client"), rs.getString("action"), rs.getString("target"),
                    rs.getInt("status"));
            if (seq != expectedSeq[0] || !rs.getString("prev_hash").equals(prev[0]) || !recomputed.equals(rs.getString("hash"))) {
                broken[0] = seq;
                return;
            }
            prev[0] = rs.getString("hash");
            expectedSeq[0] = seq + 1;
        });
        return broken[0];
    }

    public record Head(long seq, String hash) {}

    public Head head() {
        return jdbc.sql("select seq, hash from reserve.access_log_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
    }
}
