package cn.landreserve.workflow.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A broken chain is an anchored incident and stops head anchoring; concurrent appends are group-committed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AccessLogChainTest extends RunningServiceTest {

    @Autowired AccessLog log;
    @Autowired AccessLogBreaks breaks;
    @Autowired AccessLogHeadAnchoring anchoring;
    @Autowired EvidenceLedger ledger;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @Test
    void a_broken_chain_raises_an_incident_anchors_the_break_and_the_head_is_never_anchored_over_it() throws Exception {
        for (int i = 0; i < 3; i++) {
            log.append("auditor", "127.0.0.1", "VERIFICATION", "/api/audit/projects/p" + i, 200);
        }
        assertThat(anchoring.anchorHead()).isEqualTo(log.head().seq());
        long tampered = log.head().seq() - 1;
        String actor = jdbc.sql("select actor from reserve.access_log where seq = :s").param("s", tampered)
                .query(String.class).single();
        jdbc.sql("update reserve.access_log set actor = 'nobody' where seq = :s").param("s", tampered).update();
        try {
            log.append("auditor", "127.0.0.1", "VERIFICATION", "/api/audit/projects/after", 200);
            long head = log.head().seq();

            assertThat(anchoring.anchorHead()).as("no head anchored over a broken chain").isEqualTo(-1);
            assertThat(ledger.findById("accesslog-" + head)).isEmpty();

            assertThat(breaks.open()).singleElement().satisfies(incident -> {
                assertThat(incident.firstBrokenEntry()).isEqualTo(tampered);
                assertThat(incident.statement()).contains("first broken entry: " + tampered + "\n")
                        .contains("head: " + head + " ");
                assertThat(incident.digest()).isEqualTo(sha256(incident.statement()));
                assertThat(incident.txId()).matches("[0-9a-f]{64}");
                assertThat(incident.blockNumber()).isNotNull();
                LedgerEntry anchored = ledger.findById(incident.evidenceId()).orElseThrow();
                assertThat(anchored.txId()).isEqualTo(incident.txId());
                assertThat(ledger.findInBatch(incident.evidenceId(), incident.digest()))
                        .hasValueSatisfying(item -> assertThat(item.leafIndex()).isZero());
            });

            Response status = as("operator").get("/api/ops/status");
            assertThat(status.status()).isEqualTo(200);
            JsonNode accessLog = status.json().path("accessLog");
            assertThat(accessLog.path("chainIntact").asBoolean(true)).isFalse();
            assertThat(accessLog.path("incidents")).hasSize(1);
            assertThat(accessLog.path("incidents").get(0).path("firstBrokenEntry").asLong()).isEqualTo(tampered);
            assertThat(accessLog.path("incidents").get(0).path("txId").asText())
                    .isEqualTo(breaks.open().get(0).txId());
            AccessLog.GroupCommits groups = log.groupCommits();
            assertThat(accessLog.path("groupCommits").path("entries").asLong()).isGreaterThanOrEqualTo(4)
                    .isLessThanOrEqualTo(groups.entries());
            assertThat(accessLog.path("groupCommits").path("commits").asLong()).isPositive()
                    .isLessThanOrEqualTo(groups.commits());

            Response auditorView = as("auditor").get("/api/audit/access-log?limit=5");
            assertThat(auditorView.json().path("chainIntact").asBoolean(true)).isFalse();
            assertThat(auditorView.json().path("firstBrokenEntry").asLong()).isEqualTo(tampered);
            assertThat(breaks.open()).as("found again: still one incident").hasSize(1);
        } finally {
            jdbc.sql("update reserve.access_log set actor = :a where seq = :s").param("a", actor).param("s", tampered)
                    .update();
        }
        long head = log.head().seq();
        assertThat(anchoring.anchorHead()).as("the chain holds again").isEqualTo(head);
        assertThat(breaks.open()).isEmpty();
        assertThat(as("operator").get("/api/ops/status").json().path("accessLog").path("chainIntact").asBoolean())
                .isTrue();
    }

    @Test
    void entries_removed_from_the_end_are_a_break_at_the_first_missing_one() throws Exception {
        log.append("auditor", "127.0.0.1", "VERIFICATION", "/api/audit/x", 200);
        AccessLog.Entry last = log.append("auditor", "127.0.0.1", "VERIFICATION", "/api/audit/y", 200);
        Map<String, Object> row = jdbc.sql("select * from reserve.access_log where seq = :s").param("s", last.seq())
                .query().singleRow();
        jdbc.sql("delete from reserve.access_log where seq = :s").param("s", last.seq()).update();
        try {
            assertThat(log.check().firstBroken()).isEqualTo(last.seq());
            assertThat(anchoring.anchorHead()).isEqualTo(-1);
            assertThat(breaks.open()).extracting(AccessLogBreaks.Incident::firstBrokenEntry).containsExactly(last.seq());
        } finally {
            jdbc.sql("insert into reserve.access_log(seq, at, actor, client, action, target, status, prev_hash, hash)"
                    + " values (:seq, :at, :actor, :client, :action, :target, :status, :prev_hash, :hash)")
                    .params(row).update();
        }
        assertThat(breaks.check().intact()).isTrue();
        assertThat(breaks.open()).isEmpty();
    }

    @Test
    void concurrent_appends_share_commits_and_stay_strictly_chained() throws Exception {
        long before = log.head().seq();
        long[] commitsBefore = log.commitsAndEntries();
        int threads = 16;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<AccessLog.Entry>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String actor = "client-" + t;
                results.add(pool.submit(() -> {
                    List<AccessLog.Entry> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(log.append(actor, "10.0.0." + i, "PUBLIC_QUERY", "/api/public/verify?n=" + i, 200));
                    }
                    return mine;
                }));
            }
            List<AccessLog.Entry> returned = new ArrayList<>();
            for (Future<List<AccessLog.Entry>> result : results) {
                returned.addAll(result.get(60, TimeUnit.SECONDS));
            }
            // every append came back with its own place in the chain, and that is what is stored
            assertThat(returned).extracting(AccessLog.Entry::seq).doesNotHaveDuplicates()
                    .allMatch(seq -> seq > before && seq <= before + threads * each);
            Map<Long, String> stored = jdbc.sql("select seq, hash from reserve.access_log where seq > :b")
                    .param("b", before).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(stored).hasSize(threads * each);
            assertThat(returned).allSatisfy(e -> assertThat(stored.get(e.seq())).isEqualTo(e.hash()));
            assertThat(log.head().seq()).isEqualTo(before + threads * each);
            assertThat(log.check().intact()).isTrue();
            long[] commitsAfter = log.commitsAndEntries();
            assertThat(commitsAfter[1] - commitsBefore[1]).isEqualTo(threads * each);
            assertThat(commitsAfter[0] - commitsBefore[0]).as("entries grouped into fewer commits")
                    .isLessThan(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callers_waiting_behind_a_commit_are_written_together_in_the_next_one() throws Exception {
        long before = log.head().seq();
        long[] commitsBefore = log.commitsAndEntries();
        int callers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (Connection blocker = dataSource.getConnection()) {
            // Another transaction holds the head row: the first group cannot commit, everyone else queues behind it.
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("select seq from reserve.access_log_head where id = 1 for update");
            }
            List<Future<AccessLog.Entry>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String target = "/api/public/verify?caller=" + i;
                results.add(pool.submit(() -> log.append("anonymous", "127.0.0.1", "PUBLIC_QUERY", target, 200)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.queued() + log.inFlight() < callers) {
                assertThat(System.nanoTime()).as("all callers queued").isLessThan(deadline);
                Thread.sleep(10);
            }
            int firstGroup = log.inFlight();
            assertThat(results).noneMatch(Future::isDone);
            blocker.rollback();
            for (Future<AccessLog.Entry> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
            long[] commitsAfter = log.commitsAndEntries();
            assertThat(commitsAfter[1] - commitsBefore[1]).isEqualTo(callers);
            assertThat(commitsAfter[0] - commitsBefore[0]).isEqualTo(firstGroup == callers ? 1 : 2);
            assertThat(log.head().seq()).isEqualTo(before + callers);
            assertThat(log.check().intact()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
