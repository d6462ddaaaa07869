package cn.landreserve.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.ledger.receipt.Verdict;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acceptance run: 10,000 records, restart with a full chain check, every receipt verified offline. */
// 10,000 anchorings, a restart and 10,000 receipt verifications (ECDSA): with other builds sharing the 2 cores
// (load average ~30) the anchoring took 64 s, the restart 7 s, and the verifications passed the 5-minute default
// timeout, so this test declares its own.
@org.junit.jupiter.api.Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class TenThousandRecordsTest {
    private static final int RECORDS = 10_000;

    @TempDir
    Path dir;

    @Test
    void ten_thousand_records_restart_and_every_receipt_verifies() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults())) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<Anchoring>> results = new ArrayList<>(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                String project = "P-" + (i % 50);
                String id = "doc-" + i;
                results.add(pool.submit(() -> ledger.anchorDocument(TestRecords.document(project, id))));
            }
            for (Future<Anchoring> result : results) {
                assertThat(result.get().alreadyAnchored()).isFalse();
            }
            pool.shutdown();
        }
        long anchored = System.nanoTime();

        String caPem;
        long reopened;
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults())) {
            reopened = System.nanoTime();
            caPem = ledger.caCertificatePem();
            ReceiptVerifier verifier = ReceiptVerifier.pinning(Certificates.parsePem(caPem));
            for (int i = 0; i < RECORDS; i++) {
                String json = ledger.receipt("doc-" + i).toJson();
                Verdict verdict = verifier.verify(json, null);
                assertThat(verdict.ok()).as(verdict.line()).isTrue();
            }
            assertThat(ledger.listByProject("P-7")).hasSize(RECORDS / 50);
        }
        long verified = System.nanoTime();
        System.out.printf("10k: anchored in %d ms, reopened (chain verified) in %d ms, %d receipts verified in %d ms%n",
                (anchored - t0) / 1_000_000, (reopened - anchored) / 1_000_000, RECORDS,
                (verified - reopened) / 1_000_000);
    }
}
