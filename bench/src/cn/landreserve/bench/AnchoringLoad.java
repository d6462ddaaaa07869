package cn.landreserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
 * The service's anchoring path under concurrent callers. C callers (the applicant's session), each with a project of
 * its own at its first task (Task_PrepareInitiation):
 * <ol>
 *   <li><b>uploads</b>: each uploads D small documents (the task's three required ones, then more site surveys)
 *       through the API as fast as they are answered. Uploads wait, pending, for their task's completion or the
 *       pending-document sweeper (whose interval the run sets longer than this phase).</li>
 *   <li><b>completion</b>: all C complete their task at once; each completion's anchoring job (Camunda's job
 *       executor, anchor claims, group commit, the ledger the service runs on) anchors the project's D documents and
 *       the decision (and the project's facts, if the sweeper has not anchored them yet). Measured from the first completion to the moment the operator's anchoring backlog is empty:
 *       anchored records per second.</li>
 * </ol>
 * Then the auditor's project audit (read from the ledger, compared with the database) says how many of the
 * documents the ledger holds exactly as recorded, and the documents' anchorings (which that audit confirmed) in how
 * many ledger transactions.
 * With two base URLs (two instances on one database), caller i talks to instance i mod 2, and both run jobs.
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
        List<Future<String[]>> opened = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int k = i;
            Api applicant = applicants.get(i % applicants.size());
            opened.add(pool.submit(() -> {
                String projectId = applicant.postJson("/api/projects", Map.of("name", "锚定基准-" + k,
                        "district", "基准区", "areaSquareMeters", 1000 + k, "formerIndustrial", false))
                        .expect(201).json().get("id").asText();
                return new String[] {projectId, Driver.awaitTask(applicant, projectId, "Task_PrepareInitiation", 600)};
            }));
        }
        List<String> projects = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        for (Future<String[]> f : opened) {
            projects.add(f.get()[0]);
            tasks.add(f.get()[1]);
        }
        System.out.printf("setup: %d projects at their first task in %.1f s%n", callers,
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
                    String type = d < REQUIRED.size() ? REQUIRED.get(d) : "SITE_TITLE_SURVEY";
                    String text = "anchoring " + k + "/" + d + "/" + s;
                    boolean csv = type.equals("BUDGET_ESTIMATE");
                    Api.Response r = applicant.upload("/api/tasks/" + task + "/documents",
                            type + "-" + d + (csv ? ".csv" : ".pdf"),
                            csv ? ("项目,金额\n补偿费,12000000\n# " + text + "\n").getBytes(StandardCharsets.UTF_8)
                                    : Api.pdf(text),
                            Map.of("documentType", type, "classification", "INTERNAL"));
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
        double cpu1 = cpuSeconds(pids);
        JsonNode before = operator.get("/api/ops/status").expect(200).json().get("anchoringBacklog");
        long pendingBefore = before.get("pendingDocuments").asLong() + before.get("pendingDecisions").asLong()
                + before.get("pendingProjectFacts").asLong();

        AtomicInteger completionFailures = new AtomicInteger();
        long t2 = System.nanoTime();
        List<Future<?>> completions = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String task = tasks.get(i);
            Api applicant = applicants.get(i % applicants.size());
            completions.add(pool.submit(() -> {
                Api.Response r = applicant.postJson("/api/tasks/" + task + "/complete",
                        Map.of("outcome", "SUBMIT", "opinion", "请予审查。"));
                if (r.status() != 200 && completionFailures.incrementAndGet() <= 5) {
                    System.out.println("completion failed: " + r.status() + " " + r.text());
                }
                return null;
            }));
        }
        for (Future<?> f : completions) {
            f.get();
        }
        long t3 = System.nanoTime();
        awaitEmptyBacklog(operator, 1800);
        long t4 = System.nanoTime();
        double cpu2 = cpuSeconds(pids);

        Api auditor = Api.basic(bases[0], "auditor", pw);
        Set<String> uploaded = new HashSet<>(ids);
        int anchored = 0;
        for (String projectId : projects) {
            for (JsonNode item : auditor.get("/api/audit/projects/" + projectId).expect(200).json().get("items")) {
                if (uploaded.contains(item.get("evidenceId").asText())) {
                    if (item.get("status").asText().equals("OK")) {
                        anchored++;
                    } else {
                        System.out.println("not as anchored: " + item);
                    }
                }
            }
        }
        Set<String> transactions = new HashSet<>();
        for (String id : ids) {
            JsonNode anchor = applicants.get(0).get("/api/documents/" + id).expect(200).json().get("anchor");
            if (anchor != null && !anchor.isNull()) {
                transactions.add(anchor.get("txId").asText());
            }
        }
        pool.shutdown();
        Collections.sort(latencies);
        int n = ids.size();
        System.out.printf("RESULT anchoring-uploads instances=%d callers=%d documents=%d failures=%d upload_s=%.1f "
                        + "uploads_per_s=%.0f upload_p50_ms=%.0f upload_p99_ms=%.0f service_cpu_ms_per_upload=%.1f "
                        + "pending_after_uploads=%d%n",
                bases.length, callers, n, failures.get(), (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9),
                n == 0 ? 0 : latencies.get(n / 2), n == 0 ? 0 : latencies.get(Math.min(n - 1, n * 99 / 100)),
                1000 * (cpu1 - cpu0) / Math.max(1, n), pendingBefore);
        long records = pendingBefore + callers - completionFailures.get(); // each completion adds its decision
        System.out.printf("RESULT anchoring-completion instances=%d callers=%d completions_s=%.1f failures=%d "
                        + "records=%d backlog_empty_after_s=%.1f anchored_records_per_s=%.0f "
                        + "documents_ok_on_ledger=%d of %d ledger_transactions=%d documents_per_transaction=%.1f "
                        + "service_cpu_s=%.1f%n",
                bases.length, callers, (t3 - t2) / 1e9, completionFailures.get(), records, (t4 - t2) / 1e9,
                records / ((t4 - t2) / 1e9), anchored, n, transactions.size(),
                transactions.isEmpty() ? 0 : (double) anchored / transactions.size(), cpu2 - cpu1);
    }

    /** The documents Task_PrepareInitiation requires before it can be submitted. */
    private static final List<String> REQUIRED = List.of("IMPLEMENTATION_PLAN", "SITE_TITLE_SURVEY", "BUDGET_ESTIMATE");

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
