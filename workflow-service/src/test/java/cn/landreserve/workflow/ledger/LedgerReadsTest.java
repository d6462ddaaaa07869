package cn.landreserve.workflow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.ledger.support.TestRecords;
import cn.landreserve.workflow.kernel.EvidenceId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * LedgerReads against a real embedded ledger, counting what is asked of it: an anchored record is read from the
 * ledger once and then answered from memory (it can never change); "nothing anchored" is asked again once its short
 * lifetime is over, so a record anchored meanwhile is found.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LedgerReadsTest {

    @TempDir
    Path dir;

    private EmbeddedLedger embedded;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private LedgerReads reads;

    @BeforeEach
    void open() throws Exception {
        embedded = EmbeddedLedger.open(dir.resolve("ledger"), EmbeddedLedgerOptions.defaults());
        EvidenceLedger counting = (EvidenceLedger) Proxy.newProxyInstance(EvidenceLedger.class.getClassLoader(),
                new Class<?>[] {EvidenceLedger.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(embedded, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        reads = new LedgerReads(counting, nanos::get);
    }

    @AfterEach
    void close() {
        embedded.close();
    }

    private int calls(String method) {
        return calls.getOrDefault(method, new AtomicInteger()).get();
    }

    @Test
    void an_anchored_record_is_read_from_the_ledger_once_and_then_answered_from_memory() throws Exception {
        DocumentRecord record = TestRecords.document("P-2025-001", "doc-plan-1");
        long block = embedded.anchorDocument(record).blockNumber();

        Optional<LedgerReads.Anchored> first = reads.byId(new EvidenceId("doc-plan-1"));
        nanos.addAndGet(TimeUnit.HOURS.toNanos(1));
        Optional<LedgerReads.Anchored> again = reads.byId(new EvidenceId("doc-plan-1"));

        assertThat(first).isPresent();
        assertThat(first.get().entry().record()).isEqualTo(record);
        assertThat(first.get().blockNumber()).isEqualTo(block);
        assertThat(again).isEqualTo(first);
        assertThat(calls("findById")).isEqualTo(1);
        assertThat(calls("blockOf")).isEqualTo(1);
    }

    @Test
    void nothing_anchored_is_believed_only_briefly_so_a_record_anchored_meanwhile_is_found() throws Exception {
        assertThat(reads.byId(new EvidenceId("doc-plan-2"))).isEmpty();
        DocumentRecord record = TestRecords.document("P-2025-001", "doc-plan-2");
        embedded.anchorDocument(record);

        // within the lifetime of "not found" the answer stands without asking the ledger again
        nanos.addAndGet(LedgerReads.NOT_FOUND_FOR.toNanos() - 1);
        assertThat(reads.byId(new EvidenceId("doc-plan-2"))).isEmpty();
        assertThat(calls("findById")).isEqualTo(1);

        nanos.addAndGet(2);
        Optional<LedgerReads.Anchored> found = reads.byId(new EvidenceId("doc-plan-2"));
        assertThat(found).isPresent();
        assertThat(found.get().entry().record()).isEqualTo(record);
        assertThat(calls("findById")).isEqualTo(2);
    }
}
