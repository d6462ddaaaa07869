package cn.landreserve.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.ledger.support.TestRecords;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void concurrent_callers_share_transactions_and_each_gets_the_anchoring_of_its_own_records() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults());
                GroupCommit group = new GroupCommit(ledger, Duration.ofMillis(200), 500, 1)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Anchoring>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String project = "P" + i;
                results.add(callers.submit(() -> {
                    start.await();
                    return group.anchor(List.of(TestRecords.document(project, "doc-" + project),
                            TestRecords.decision(project, "dec-" + project, List.of("doc-" + project))));
                }));
            }
            start.countDown();
            Set<String> transactions = new HashSet<>();
            for (int i = 0; i < 64; i++) {
                List<Anchoring> mine = results.get(i).get();
                assertThat(mine).extracting(Anchoring::evidenceId).containsExactly("doc-P" + i, "dec-P" + i);
                assertThat(mine.get(0).txId()).isEqualTo(mine.get(1).txId());
                assertThat(mine).noneMatch(Anchoring::alreadyAnchored);
                transactions.add(mine.get(0).txId());
            }
            assertThat(transactions).as("64 callers in at most a few shared transactions").hasSizeLessThan(8);
            assertThat(ledger.listByProject("P63")).hasSize(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_burst_of_callers_is_sent_once_it_has_arrived_over_at_most_one_transaction_per_sender() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults());
                GroupCommit group = new GroupCommit(ledger, Duration.ofSeconds(20), Duration.ofMillis(300), 500, 4)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Anchoring>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String project = "P" + i;
                results.add(callers.submit(() -> {
                    start.await();
                    return group.anchor(List.of(TestRecords.document(project, "doc-" + project)));
                }));
            }
            long started = System.nanoTime();
            start.countDown();
            Set<String> transactions = new HashSet<>();
            for (Future<List<Anchoring>> result : results) {
                transactions.add(result.get().get(0).txId());
            }

            assertThat((System.nanoTime() - started) / 1_000_000).as("ms until every caller had its anchoring, with"
                    + " maxWait 20 s").isLessThan(10_000L);
            assertThat(transactions).hasSizeBetween(1, 4);
            assertThat(group.stats().records()).isEqualTo(64);
            assertThat(group.stats().transactions()).isEqualTo(transactions.size());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void a_lone_record_is_sent_when_the_wait_bound_has_passed_not_later() throws Exception {
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults())) {
            AtomicLong sentAt = new AtomicLong();
            try (GroupCommit group = new GroupCommit(recordingSends(ledger, sentAt), Duration.ofMillis(150),
                    Duration.ofMillis(150), 500, 2)) {
                long requested = System.nanoTime();
                Anchoring anchoring = group.anchor(List.of(TestRecords.document("P1", "doc-1"))).get(0);

                assertThat(anchoring.alreadyAnchored()).isFalse();
                assertThat((sentAt.get() - requested) / 1_000_000).as("ms from request to transaction")
                        .isBetween(140L, 650L);
            }
        }
    }

    @Test
    void a_lone_record_is_sent_once_nothing_else_arrives_for_the_linger_long_before_the_wait_bound() throws Exception {
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults())) {
            AtomicLong sentAt = new AtomicLong();
            try (GroupCommit group = new GroupCommit(recordingSends(ledger, sentAt), Duration.ofSeconds(5),
                    Duration.ofMillis(50), 500, 2)) {
                long requested = System.nanoTime();
                group.anchor(List.of(TestRecords.document("P1", "doc-1")));

                assertThat((sentAt.get() - requested) / 1_000_000).as("ms from request to transaction")
                        .isBetween(45L, 2_500L);
            }
        }
    }

    /** The ledger, noting in {@code sentAt} when a group transaction was sent. */
    private static EvidenceLedger recordingSends(EvidenceLedger ledger, AtomicLong sentAt) {
        return (EvidenceLedger) Proxy.newProxyInstance(EvidenceLedger.class.getClassLoader(),
                new Class<?>[] {EvidenceLedger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("anchorGroup")) {
                        sentAt.set(System.nanoTime());
                    }
                    try {
                        return method.invoke(ledger, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void a_refused_record_fails_only_its_own_caller_when_the_shared_transaction_is_refused() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults());
                GroupCommit group = new GroupCommit(ledger, Duration.ofMillis(300), 500, 1)) {
            ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            Future<List<Anchoring>> conflicting = callers.submit(() -> group.anchor(
                    List.of(TestRecords.version("P1", "doc-1", 1, null, "SITE_SURVEY"))));
            Future<List<Anchoring>> fine = callers.submit(() -> group.anchor(
                    List.of(TestRecords.document("P2", "doc-2"))));

            assertThat(fine.get().get(0).evidenceId()).isEqualTo("doc-2");
            assertThatThrownBy(conflicting::get).hasCauseInstanceOf(LedgerRejectedException.class)
                    .satisfies(e -> assertThat(((LedgerRejectedException) e.getCause()).code())
                            .isEqualTo(ErrorCode.RECORD_CONFLICT));
            assertThat(ledger.findById("doc-2")).isPresent();
        } finally {
            callers.shutdownNow();
        }
    }
}
