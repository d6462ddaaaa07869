package cn.landreserve.ledger.fabric;

import cn.landreserve.ledger.GroupCommit;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Anchoring through the Fabric engine: one caller one record at a time ({@code singles}), concurrent callers one
 * record each, one transaction each ({@code direct}), the same callers through {@link GroupCommit} with the
 * service's defaults ({@code group}: the service's path, records of concurrent callers share transactions), and
 * batches of digests by 1 and by several callers ({@code batch}). Failures are counted, not hidden.
 *
 * <p>Against the real network (after {@code network/up.sh}): {@code bench/run.sh fabric}, or this main class with
 * {@code [singles] [concurrent] [threads] [batches] [connection.json]} (defaults 200 2000 64 20
 * network/build/connection.json). Without that file it says so and exits 0. Environment: {@code FABRIC_PHASES}
 * (comma-separated, default all four), {@code FABRIC_BATCH_SIZE} (digests per batch, default 1,000),
 * {@code FABRIC_BATCH_CALLERS} (default 8).
 *
 * <p>With {@code --double} as the last argument it runs against the in-process two-peer gateway double
 * instead (the audit bureau's peer committing 20 ms after the gateway's): that measures the client (signing,
 * gRPC over TLS, protobuf) and the double, not Fabric; every line then says DOUBLE.
 */
public final class FabricAnchoringBenchmark {
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static final List<String> PHASES = List.of(
            System.getenv().getOrDefault("FABRIC_PHASES", "singles,direct,group,batch").split(","));
    private static final int BATCH_SIZE = Integer.parseInt(System.getenv().getOrDefault("FABRIC_BATCH_SIZE", "1000"));
    private static final int BATCH_CALLERS =
            Integer.parseInt(System.getenv().getOrDefault("FABRIC_BATCH_CALLERS", "8"));
    private static String label = "";

    private FabricAnchoringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean useDouble = args.length > 0 && args[args.length - 1].equals("--double");
        int singles = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 200;
        int concurrent = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 2_000;
        int threads = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2]) : 64;
        int batches = args.length > 3 && !args[3].startsWith("--") ? Integer.parseInt(args[3]) : 20;
        Path connection = Path.of(args.length > 4 && !args[4].startsWith("--") ? args[4] : "network/build/connection.json");

        FakeGateway gateway = null;
        FabricLedgerConfig config;
        if (useDouble) {
            Path dir = Files.createTempDirectory("fabric-bench");
            TestPki pki = new TestPki();
            pki.write(dir, 0);
            gateway = new FakeGateway(pki).start(dir);
            gateway.auditCommitLag = Duration.ofMillis(20);
            config = pki.write(dir, gateway.port());
            label = "DOUBLE ";
            System.out.println("IN-PROCESS TWO-PEER GATEWAY DOUBLE (measures the client and the double, not Fabric)");
        } else if (!Files.isRegularFile(connection)) {
            System.out.println("skipped: no Fabric network (" + connection.toAbsolutePath() + " does not exist; run"
                    + " network/up.sh with the Fabric binaries in FABRIC_BIN or on PATH)");
            return;
        } else {
            config = FabricLedgerConfig.fromConnectionFile(connection);
            System.out.println("Fabric network " + config.endpoint() + " channel " + config.channel());
        }
        System.out.printf("%d cores, java %s, phases %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), PHASES);
        String run = UUID.randomUUID().toString().substring(0, 6);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(threads, BATCH_CALLERS));
        try (FabricLedger ledger = FabricLedger.connect(config)) {
            for (int i = 0; i < 20; i++) {
                ledger.anchorDocument(TestRecords.document("W" + run, "warm-" + run + "-" + i));
            }
            if (PHASES.contains("singles")) {
                long t0 = System.nanoTime();
                int ok0 = callers(pool, 1, singles, i -> ledger.anchorDocument(
                        TestRecords.document("S" + run, "seq-" + run + "-" + i)));
                report("single records, 1 caller, one at a time", ok0, t0);
            }
            if (PHASES.contains("direct")) {
                long t1 = System.nanoTime();
                int ok1 = callers(pool, threads, concurrent, i -> ledger.anchorDocument(
                        TestRecords.document("C" + run + "-" + (i % 20), "con-" + run + "-" + i)));
                report("single records, " + threads + " concurrent callers, one transaction each", ok1, t1);
            }
            if (PHASES.contains("group")) {
                try (GroupCommit group = new GroupCommit(ledger, Duration.ofMillis(100), 500, 4)) {
                    long tg = System.nanoTime();
                    int okg = callers(pool, threads, concurrent, i -> group.anchor(List.of(
                            TestRecords.document("G" + run + "-" + (i % 20), "grp-" + run + "-" + i))));
                    report("single records, " + threads + " callers through group commit", okg, tg);
                    GroupCommit.Stats stats = group.stats();
                    System.out.printf("RESULT %sgroup commit: %d transactions, %.1f records each%n", label,
                            stats.transactions(), stats.recordsPerTransaction());
                }
            }
            if (PHASES.contains("batch")) {
                long t2 = System.nanoTime();
                int ok2 = callers(pool, 1, batches, b -> batch(ledger, run, b));
                report("digests in batches of " + BATCH_SIZE + ", 1 caller", ok2 * BATCH_SIZE, t2);
                long t3 = System.nanoTime();
                int ok3 = callers(pool, BATCH_CALLERS, batches, b -> batch(ledger, run, batches + b));
                report("digests in batches of " + BATCH_SIZE + ", " + BATCH_CALLERS + " concurrent callers",
                        ok3 * BATCH_SIZE, t3);
            }
            System.out.println("RESULT " + label + "failures: " + FAILURES.get());
        } finally {
            pool.shutdown();
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        void run(int i) throws Exception;
    }

    /** {@code threads} callers sharing {@code count} calls; each failure is counted; the calls that succeeded. */
    private static int callers(ExecutorService pool, int threads, int count, Call call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    try {
                        call.run(i);
                        succeeded.incrementAndGet();
                    } catch (Exception e) {
                        failed(e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        return succeeded.get();
    }

    private static void batch(FabricLedger ledger, String run, int b) throws Exception {
        List<String> digests = IntStream.range(0, BATCH_SIZE).mapToObj(i -> TestRecords.sha256(
                (run + "/" + b + "/" + i).getBytes(StandardCharsets.UTF_8))).toList();
        ledger.anchorBatch("B" + run, "batch-" + run + "-" + b, digests);
    }

    private static void failed(Exception e) {
        if (FAILURES.incrementAndGet() <= 5) {
            System.out.println("failure: " + e);
        }
    }

    private static void report(String what, int count, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("RESULT %s%-62s %8d in %7.2f s = %,10.0f /s%n", label, what, count, seconds,
                count / seconds);
    }
}
