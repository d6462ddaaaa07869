package cn.landreserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's anchoring path under concurrent callers: C callers (the applicant's session), each with a project
 * of its own at its first task, upload D small documents each through the API as fast as they are answered; the
 * service anchors them (pending document sweeper, anchor claims, group commit, the ledger the service runs on).
 * Measured from the first upload to the moment the operator's anchoring backlog is empty: acknowledged uploads per
 * second, anchored records per second end to end, how long the backlog took to drain after the last upload, and
 * then, from each document as the API answers it, how many were anchored and in how many ledger transactions.
 * With two base URLs (two instances on one database), caller i uploads to instance i mod 2, and both sweep.
 *
 * <p>Args: baseUrl[,baseUrl2] password callers documentsPerCaller servicePid[,servicePid2]
 */
public final class AnchoringLoad {

    public static void main(String[] args) throws Exception {
        String[] bases = args[0].split(",");
        String pw = args[1];
        int callers = Integer.parseInt(args[2]);
        int perCaller = Integer.parseInt(args[3]);
        long[] pids = Arrays.stream(args[4].split(",")).mapToLong(Long::parseLong).toArray();
        List<Api> applicants = new ArrayList<>();
        for (String base : bases) {
            applicants.add(Api.session(base, "applicant", pw));
        }
        Api operator = Api.basic(bases[0], "operator", pw);

        ExecutorService pool = Executors.newFixedThreadPool(callers);
        long s0 = System.nanoTime();
        List<Future<String>> opened = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int k = i;
            Api applicant = applicants.get(i % applicants.size());
            opened.add(pool.submit(() -> {
                String projectId = applicant.postJson("/api/projects", Map.of("name", "锚定基准-" + k,
                        "district", "基准区", "areaSquareMeters", 1000 + k, "formerIndustrial", false))
                        .expect(201).json().get("id").asText();
                return Driver.awaitTask(applicant, projectId, "Task_PrepareInitiation", 600);
            }));
        }
        List<String> tasks = new ArrayList<>();
        for (Future<String> f : opened) {
            tasks.add(f.get());
        }
        awaitEmptyBacklog(operator, 600);
        System.out.printf("setup: %d projects at their first task, their facts anchored, in %.1f s%n", callers,
                (System.nanoTime() - s0) / 1e9);

        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        double cpu0 = cpuSeconds(pids);
        long t0 = System.nanoTime();
        List<Future<?>> uploads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String task = tasks.get(i);
            int k = i;
            Api applicant = applicants.get(i % applicants.size());
            uploads.add(pool.submit(() -> {
                for (int d = 0; d < perCaller; d++) {
                    long s = System.nanoTime();
                    Api.Response r = applicant.upload("/api/tasks/" + task + "/documents", "权属调查-" + d + ".pdf",
                            Api.pdf("anchoring " + k + "/" + d + "/" + s), Map.of("documentType", "SITE_TITLE_SURVEY",
                                    "classification", "INTERNAL"));
                    if (r.status() == 201) {
                        ids.add(r.json().get("id").asText());
                        latencies.add((System.nanoTime() - s) / 1e6);
                    } else if (failures.incrementAndGet() <= 5) {
                        System.out.println("upload failed: " + r.status() + " " + r.text());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : uploads) {
            f.get();
        }
        long t1 = System.nanoTime();
        awaitEmptyBacklog(operator, 1800);
        long t2 = System.nanoTime();
        double cpu = cpuSeconds(pids) - cpu0;

        int anchored = 0;
        Set<String> transactions = new HashSet<>();
        for (String id : ids) {
            JsonNode anchor = applicants.get(0).get("/api/documents/" + id).expect(200).json().get("anchor");
            if (anchor != null && !anchor.isNull()) {
                anchored++;
                transactions.add(anchor.get("txId").asText());
            }
        }
        pool.shutdown();
        Collections.sort(latencies);
        int n = ids.size();
        System.out.printf("RESULT anchoring-service instances=%d callers=%d documents=%d failures=%d upload_s=%.1f uploads_per_s=%.0f "
                        + "upload_p50_ms=%.0f upload_p99_ms=%.0f drained_after_last_upload_s=%.1f "
                        + "anchored_per_s_end_to_end=%.0f anchored=%d ledger_transactions=%d records_per_transaction=%.1f "
                        + "service_cpu_s=%.1f%n",
                bases.length, callers, n, failures.get(), (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9),
                n == 0 ? 0 : latencies.get(n / 2), n == 0 ? 0 : latencies.get(Math.min(n - 1, n * 99 / 100)),
                (t2 - t1) / 1e9, n / ((t2 - t0) / 1e9), anchored, transactions.size(),
                transactions.isEmpty() ? 0 : (double) anchored / transactions.size(), cpu);
    }

    private static double cpuSeconds(long[] pids) {
        double total = 0;
        for (long pid : pids) {
            total += ProcTree.cpuSeconds(pid);
        }
        return total;
    }

    /** Waits until the operator's status shows nothing pending (documents, decisions, facts, jobs). */
    private static void awaitEmptyBacklog(Api operator, long maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode backlog = operator.get("/api/ops/status").expect(200).json().get("anchoringBacklog");
            if (backlog.get("pendingDocuments").asLong() == 0 && backlog.get("pendingDecisions").asLong() == 0
                    && backlog.get("pendingProjectFacts").asLong() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the anchoring backlog was not empty after " + maxSeconds + " s");
    }
}
