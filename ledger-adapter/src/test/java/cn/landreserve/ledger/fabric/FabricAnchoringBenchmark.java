package cn.landreserve.ledger.fabric;

import cn.landreserve.ledger.GroupCommit;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Anchoring through the Fabric engine: one caller one record at a time, concurrent callers one record each (one
 * transaction each), the same callers through {@link GroupCommit} (the service's path: records of concurrent callers
 * share transactions), and batches of 1,000 digests by 1 and by 8 callers. Failures are counted, not hidden.
 *
 * <p>Against the real network (after {@code network/up.sh}): {@code bench/run.sh fabric}, or
 * {@code ledger-adapter/bin/run-test-main.sh cn.landreserve.ledger.fabric.FabricAnchoringBenchmark
 * [singles] [concurrent] [threads] [batches] [connection.json]} (defaults 200 2000 64 20
 * network/build/connection.json). Without that file it says so and exits 0.
 *
 * <p>With {@code --double} as the last argument it runs against the in-process two-peer gateway double
 * instead (the audit bureau's peer committing 20 ms after the gateway's): that measures the client (signing,
 * gRPC over TLS, protobuf) and the double, not Fabric; every line then says DOUBLE.
 */
public final class FabricAnchoringBenchmark {
    private static String label = "";
    private static final java.util.concurrent.atomic.AtomicInteger FAILURES = new java.util.concurrent.atomic.AtomicInteger();

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
        label = "";
        FabricLedgerConfig config;
        if (useDouble) {
            Path dir = Files.createTempDirectory("fabric-bench");
            TestPki pki = new TestPki();
            pki.write(dir, 0);
            gateway = new FakeGateway(pki).start(dir);
            gateway.auditCommitLag = java.time.Duration.ofMillis(20);
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
        System.out.printf("%d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (FabricLedger ledger = FabricLedger.connect(config)) {
            for (int i = 0; i < 20; i++) {
                ledger.anchorDocument(TestRecords.document("W" + run, "warm-" + run + "-" + i));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < singles; i++) {
                ledger.anchorDocument(TestRecords.document("S" + run, "seq-" + run + "-" + i));
            }
            report("single records, 1 caller, one at a time", singles, t0);

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger next = new AtomicInteger();
            long t1 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < concurrent; ) {
                        try {
                            ledger.anchorDocument(TestRecords.document("C" + run + "-" + (i % 20), "con-" + run + "-" + i));
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
            report("single records, " + threads + " concurrent callers, one transaction each", concurrent, t1);

            try (GroupCommit group = new GroupCommit(ledger, java.time.Duration.ofMillis(100), 500, 4)) {
                AtomicInteger nextGrouped = new AtomicInteger();
                long tg = System.nanoTime();
                futures.clear();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i; (i = nextGrouped.getAndIncrement()) < concurrent; ) {
                            try {
                                group.anchor(List.of(TestRecords.document("G" + run + "-" + (i % 20),
                                        "grp-" + run + "-" + i)));
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
                report("single records, " + threads + " callers through group commit", concurrent, tg);
            }

            long t2 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                batch(ledger, run, b);
            }
            report("digests in batches of 1,000, 1 caller", batches * 1000, t2);

            AtomicInteger nextBatch = new AtomicInteger(batches);
            long t3 = System.nanoTime();
            futures.clear();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int b; (b = nextBatch.getAndIncrement()) < 2 * batches; ) {
                        batch(ledger, run, b);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            report("digests in batches of 1,000, 8 concurrent callers", batches * 1000, t3);
            System.out.println("RESULT " + label + "failures: " + FAILURES.get());
            pool.shutdown();
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    private static void batch(FabricLedger ledger, String run, int b) {
        List<String> digests = IntStream.range(0, 1000).mapToObj(i -> TestRecords.sha256(
                (run + "/" + b + "/" + i).getBytes(StandardCharsets.UTF_8))).toList();
        try {
            ledger.anchorBatch("B" + run, "batch-" + run + "-" + b, digests);
        } catch (Exception e) {
            failed(e);
        }
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
