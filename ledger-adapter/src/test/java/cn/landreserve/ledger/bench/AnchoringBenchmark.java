package cn.landreserve.ledger.bench;

import cn.landreserve.ledger.GroupCommit;
import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Records anchored per second on the embedded ledger (fsync per block): one caller one record at a
 * time, many concurrent callers one record each (one transaction each; the engine puts many in a block), the same
 * callers through {@link GroupCommit} (many records per transaction, as the service sends them), and batches of
 * 1,000 digests; then the restart time (full chain verification and state rebuild).
 *
 * <p>Run: {@code bench/run.sh ledger}, or {@code ledger-adapter/bin/run-test-main.sh
 * cn.landreserve.ledger.bench.AnchoringBenchmark [singles] [concurrentSingles] [threads] [batches] [dataDir]}
 * (defaults 2000 10000 64 40, a temp dir).
 */
public final class AnchoringBenchmark {
    private AnchoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int singles = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int batches = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("anchoring-bench");
        System.out.printf("embedded ledger in %s, %d cores, java %s%n", dir, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults())) {
            // Warm-up: JIT the contract, JSON and signing paths.
            for (int i = 0; i < 500; i++) {
                ledger.anchorDocument(TestRecords.document("WARM", "warm-" + i));
            }
            long t0 = System.nanoTime();
            long h0 = ledger.height();
            for (int i = 0; i < singles; i++) {
                ledger.anchorDocument(TestRecords.document("SEQ-" + (i % 20), "seq-" + i));
            }
            report("single records, 1 caller, one at a time", singles, t0, ledger.height() - h0);

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger next = new AtomicInteger();
            long t1 = System.nanoTime();
            long h1 = ledger.height();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < concurrent; ) {
                        ledger.anchorDocument(TestRecords.document("CON-" + (i % 200), "con-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            report("single records, " + threads + " concurrent callers", concurrent, t1, ledger.height() - h1);

            // The service's path: each caller's records go through group commit into shared transactions.
            try (GroupCommit group = new GroupCommit(ledger, Duration.ofMillis(100), 500, 4)) {
                AtomicInteger nextGrouped = new AtomicInteger();
                long tg = System.nanoTime();
                long hg = ledger.height();
                futures.clear();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i; (i = nextGrouped.getAndIncrement()) < concurrent; ) {
                            group.anchor(List.of(TestRecords.document("GRP-" + (i % 200), "grp-" + i)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                report("single records, " + threads + " callers through group commit", concurrent, tg,
                        ledger.height() - hg);
            }

            long t2 = System.nanoTime();
            long h2 = ledger.height();
            for (int b = 0; b < batches; b++) {
                ledger.anchorBatch("BATCH-" + (b % 10), "batch-" + b, digests(b, 1000));
            }
            report("digests in batches of 1,000, 1 caller", batches * 1000L, t2, ledger.height() - h2);

            AtomicInteger nextBatch = new AtomicInteger(batches);
            long t3 = System.nanoTime();
            futures.clear();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int b; (b = nextBatch.getAndIncrement()) < 2 * batches; ) {
                        ledger.anchorBatch("BATCH-" + (b % 10), "batch-" + b, digests(b, 1000));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            report("digests in batches of 1,000, 4 concurrent callers", batches * 1000L, t3, -1);
            pool.shutdown();
            System.out.printf("ledger height %d blocks%n", ledger.height());
        }
        long t4 = System.nanoTime();
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults())) {
            System.out.printf("restart (verify %d blocks, rebuild state): %d ms%n", ledger.height(),
                    (System.nanoTime() - t4) / 1_000_000);
        }
        long size;
        try (Stream<Path> files = Files.walk(dir)) {
            size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("data directory: %.1f MB%n", size / 1e6);
        if (args.length <= 4) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<String> digests(int batch, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TestRecords.sha256(("batch " + batch + " item " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static void report(String what, long count, long startNanos, long blocks) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("RESULT %-52s %8d in %6.2f s = %8.0f /s%s%n", what, count, seconds, count / seconds,
                blocks >= 0 ? " (" + blocks + " blocks)" : "");
    }
}
