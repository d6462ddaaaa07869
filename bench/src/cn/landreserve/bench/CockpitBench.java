package cn.landreserve.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cockpit, the register and the task lists over thousands of projects (issue #20): generates the projects through
 * the API — most of them just opened (each an open task of the applicant), a share submitted to the department
 * reviews, a few walked to a sealed archive — then times each read endpoint sequentially, one caller.
 *
 * <pre>CockpitBench base password projects reviewed archived concurrency rounds</pre>
 */
public final class CockpitBench {

    static final String[] DISTRICTS = {"城东区", "城西区", "城南区", "城北区", "滨江新区", "高新区", "南湖区", "北山区",
            "临港区", "经开区", "老城区", "东湖区"};

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String pw = args[1];
        int projects = Integer.parseInt(args[2]);
        int reviewed = Integer.parseInt(args[3]);
        int archived = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        int rounds = Integer.parseInt(args[6]);

        Api applicant = Api.basic(base, "applicant", pw);
        Api approver = Api.basic(base, "approver", pw);
        Api auditor = Api.basic(base, "auditor", pw);
        Api reviewer = Api.basic(base, "reviewer-nr", pw);
        Driver.Roles roles = new Driver.Roles(applicant, reviewer, Api.basic(base, "reviewer-eco", pw),
                Api.basic(base, "reviewer-fin", pw), approver, auditor);
        System.out.printf("INFO generating up to %d projects: %d walked to a sealed archive and %d submitted to review"
                + " first, the rest opened through the API; timings at 1,000, 2,500 and %d%n", projects, archived, reviewed, projects);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < archived; i++) {
            int n = i;
            work.add(pool.submit(() -> Driver.walk(roles, n)));
        }
        int made = archived;
        int next = 0;
        for (int checkpoint : new int[] {1000, 2500, projects}) {
            if (checkpoint > projects || checkpoint <= made) {
                continue;
            }
            for (; made < checkpoint; made++) {
                int n = next++;
                work.add(pool.submit(() -> {
                    open(applicant, n, n < reviewed);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            work.clear();
            System.out.printf("RESULT cockpit-generate projects=%d seconds=%.0f%n", made, (System.nanoTime() - t0) / 1e9);
            long total = auditor.get("/api/register?limit=1").expect(200).json().get("total").asLong();
            System.out.printf("INFO projects in the register=%d, applicant's open tasks=%s%n", total, headerTotal(base, pw));
            String tag = "@" + total;
            time("cockpit" + tag, approver, "/api/cockpit", rounds);
            time("tasks-default-page" + tag, applicant, "/api/tasks", rounds);
            time("tasks-limit-500" + tag, applicant, "/api/tasks?limit=500", rounds);
            time("tasks-deep-page" + tag, applicant, "/api/tasks?sort=created&offset=" + (total * 4 / 5) + "&limit=50", rounds);
            time("tasks-reviewer-stage-filter" + tag, reviewer, "/api/tasks?stage=REVIEW&sort=due", rounds);
            time("tasks-overdue-filter" + tag, reviewer, "/api/tasks?overdue=true", rounds);
            time("register-json-page" + tag, auditor, "/api/register", rounds);
            time("register-json-filtered" + tag, auditor, "/api/register?district=" + java.net.URLEncoder.encode(DISTRICTS[0],
                    java.nio.charset.StandardCharsets.UTF_8) + "&phase=pipeline", rounds);
            time("register-csv-all" + tag, auditor, "/api/register?format=csv", Math.max(3, rounds / 4));
            time("register-xlsx-all" + tag, auditor, "/api/register?format=xlsx", Math.max(3, rounds / 4));
            time("projects-page" + tag, auditor, "/api/projects?limit=50", rounds);
        }
        pool.shutdown();
    }

    private static void open(Api applicant, int n, boolean submit) throws Exception {
        Random r = new Random(n);
        String id = applicant.postJson("/api/projects", Map.of("name", "驾驶舱基准项目-" + n,
                "district", DISTRICTS[n % DISTRICTS.length], "areaSquareMeters", 1000 + r.nextInt(80_000),
                "formerIndustrial", n % 5 == 0)).expect(201).json().get("id").asText();
        if (submit) {
            String task = Driver.awaitTask(applicant, id, "Task_PrepareInitiation", 300);
            for (String type : List.of("IMPLEMENTATION_PLAN", "SITE_TITLE_SURVEY", "BUDGET_ESTIMATE")) {
                applicant.upload("/api/tasks/" + task + "/documents", type + ".pdf", Api.pdf(id + type),
                        Map.of("documentType", type, "classification", "INTERNAL")).expect(201);
            }
            Driver.complete(applicant, task, "SUBMIT", "请予审查。");
        }
    }

    private static String headerTotal(String base, String pw) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/tasks?limit=1"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("applicant:" + pw)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        return r.headers().firstValue("X-Total-Count").orElse("-1");
    }

    /**
     * Three warm-up calls, then {@code rounds} timed ones: p50, p90, max and the answer's size; {@code first_ms} is the
     * first warm-up call, with the service's caches (the register's view of the ledger) as the earlier calls left them.
     */
    private static void time(String name, Api api, String path, int rounds) {
        long f = System.nanoTime();
        api.get(path).expect(200);
        double first = (System.nanoTime() - f) / 1e6;
        for (int i = 1; i < 3; i++) {
            api.get(path).expect(200);
        }
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < rounds; i++) {
            long s = System.nanoTime();
            Api.Response r = api.get(path).expect(200);
            ms.add((System.nanoTime() - s) / 1e6);
            bytes = r.body().length;
        }
        Collections.sort(ms);
        System.out.printf("RESULT %s path=%s rounds=%d first_ms=%.1f p50_ms=%.1f p90_ms=%.1f max_ms=%.1f bytes=%d%n", name,
                path, rounds, first, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.9) - 1), ms.get(ms.size() - 1),
                bytes);
    }
}
