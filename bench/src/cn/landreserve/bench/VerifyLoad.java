package cn.landreserve.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load generator (its own JVM): C threads, one shared HttpClient (HTTP/1.1, one connection per thread),
 * each sending the next request as soon as the previous answer is read, over the documents of a seed file.
 * A warm-up period first (not counted), then the measured period. Every answer's status is counted and its body
 * checked (public: "verified":true; auditor: "status":"OK"; liveness: "status":"UP").
 *
 * <p>{@code liveness} asks the service's own {@code /actuator/health/liveness} (no database, no ledger, no access
 * log): the yardstick the public verification is compared with, at the same concurrency in the same run.
 *
 * <p>Args: baseUrl public|auditor|liveness concurrency seconds warmupSeconds seedFile password [basic|session]
 */
public final class VerifyLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        boolean auditor = args[1].equals("auditor");
        boolean liveness = args[1].equals("liveness");
        int c = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        List<String[]> docs = Files.readAllLines(Path.of(args[5])).stream().filter(l -> !l.isBlank())
                .map(l -> l.split(" ")).toList();
        String password = args[6];
        boolean session = args.length > 7 && args[7].equals("session");

        String[] paths = liveness ? new String[] {"/actuator/health/liveness"}
                : docs.stream().map(d -> auditor ? "/api/audit/documents/" + d[0] + "/verify"
                        : "/api/public/verify?sha256=" + d[1]).toArray(String[]::new);
        String expect = liveness ? "\"status\":\"UP\"" : auditor ? "\"status\":\"OK\"" : "\"verified\":true";

        HttpClient http;
        String auth = null;
        Api sessionApi = null;
        if (!auditor) {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        } else if (session) {
            sessionApi = Api.session(base, "auditor", password);
            http = sessionApi.http();
        } else {
            http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            auth = "Basic " + Base64.getEncoder().encodeToString(("auditor:" + password).getBytes(StandardCharsets.UTF_8));
        }
        final String authHeader = auth;

        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong wrongBody = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong answered = new AtomicLong(); // warm-up included: what the service's CPU time is divided by
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        Future<?>[] workers = new Future<?>[c];
        long[][] latencies = new long[c][];
        int[] counts = new int[c];
        for (int t = 0; t < c; t++) {
            int me = t;
            latencies[me] = new long[1 << 16];
            workers[t] = pool.submit(() -> {
                while (true) {
                    long s = System.nanoTime();
                    if (s >= end) {
                        return;
                    }
                    String path = paths[Math.floorMod(next.getAndIncrement(), paths.length)];
                    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
                    if (authHeader != null) {
                        rb.header("Authorization", authHeader);
                    }
                    int status;
                    String body;
                    try {
                        var r = http.send(rb.build(), BodyHandlers.ofString());
                        status = r.statusCode();
                        body = r.body();
                    } catch (Exception e) {
                        if (s >= measureFrom) {
                            errors.incrementAndGet();
                            statuses.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        }
                        continue;
                    }
                    long done = System.nanoTime();
                    answered.incrementAndGet();
                    if (s < measureFrom) {
                        continue;
                    }
                    statuses.computeIfAbsent(String.valueOf(status), k -> new AtomicLong()).incrementAndGet();
                    if (status == 200 && !body.contains(expect)) {
                        wrongBody.incrementAndGet();
                    }
                    if (counts[me] == latencies[me].length) {
                        latencies[me] = Arrays.copyOf(latencies[me], latencies[me].length * 2);
                    }
                    latencies[me][counts[me]++] = done - s;
                }
            });
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < c; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        long ok = statuses.getOrDefault("200", new AtomicLong()).get();
        System.out.printf("RESULT verify-%s%s clients=%d seconds=%d requests=%d req_per_s=%.1f ok_per_s=%.1f "
                        + "p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f statuses=%s wrong_body=%d answered_incl_warmup=%d%n",
                args[1], auditor ? (session ? "-session" : "-basic") : "", c, seconds, all.length,
                all.length / (double) seconds, ok / (double) seconds, pct(all, 50), pct(all, 90), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, new TreeMap<>(statuses), wrongBody.get(), answered.get());
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
