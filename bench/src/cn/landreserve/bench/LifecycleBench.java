package cn.landreserve.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lifecycle benchmark against the running service (its own JVM): N projects from creation to a sealed archive
 * through the REST API, C at a time, after one warm-up project. Reports wall time, projects per minute, each
 * project's own duration, and the CPU the service used (its JVM plus its PostgreSQL processes) per project.
 * Also writes the PUBLIC documents it uploaded (id and SHA-256) for the verification benchmark.
 *
 * <p>Args: baseUrl password projects concurrency servicePid seedFile [session|basic] [pollMillis] [warmupProjects]
 */
public final class LifecycleBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String pw = args[1];
        int n = Integer.parseInt(args[2]);
        int c = Integer.parseInt(args[3]);
        long pid = Long.parseLong(args[4]);
        Path seed = Path.of(args[5]);
        boolean session = args.length < 7 || args[6].equals("session");
        if (args.length > 7) {
            Driver.pollMillis = Long.parseLong(args[7]);
        }
        Driver.Roles roles = session
                ? new Driver.Roles(Api.session(base, "applicant", pw), Api.session(base, "reviewer-nr", pw),
                        Api.session(base, "reviewer-eco", pw), Api.session(base, "reviewer-fin", pw),
                        Api.session(base, "approver", pw), Api.session(base, "auditor", pw))
                : new Driver.Roles(Api.basic(base, "applicant", pw), Api.basic(base, "reviewer-nr", pw),
                        Api.basic(base, "reviewer-eco", pw), Api.basic(base, "reviewer-fin", pw),
                        Api.basic(base, "approver", pw), Api.basic(base, "auditor", pw));

        List<Driver.Uploaded> published = Collections.synchronizedList(new ArrayList<>());
        int warmup = args.length > 8 ? Integer.parseInt(args[8]) : 1;
        long w0 = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            published.addAll(Driver.walk(roles, -1 - i));
        }
        System.out.printf("warm-up: %d projects archived one after another in %.1f s%n", warmup, (System.nanoTime() - w0) / 1e9);

        long polls0 = Driver.POLLS.get();
        double cpu0 = ProcTree.cpuSeconds(pid);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        List<Future<Double>> runs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            int k = i;
            runs.add(pool.submit(() -> {
                long s = System.nanoTime();
                published.addAll(Driver.walk(roles, k));
                return (System.nanoTime() - s) / 1e9;
            }));
        }
        List<Double> each = new ArrayList<>();
        for (Future<Double> f : runs) {
            each.add(f.get());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = ProcTree.cpuSeconds(pid) - cpu0;
        long polls = Driver.POLLS.get() - polls0;
        pool.shutdown();
        Collections.sort(each);

        List<String> lines = new ArrayList<>();
        published.forEach(u -> lines.add(u.id() + " " + u.sha256()));
        Files.write(seed, lines);

        System.out.printf("RESULT lifecycle-service projects=%d concurrency=%d auth=%s wall_s=%.1f projects_per_min=%.1f "
                        + "wall_per_project_s=%.2f project_p50_s=%.2f project_max_s=%.2f service_cpu_s=%.1f "
                        + "service_cpu_per_project_s=%.2f polls_per_project=%.1f poll_ms=%d task_list_500s=%d%n",
                n, c, session ? "session" : "basic", wall, n * 60 / wall, wall / n, each.get(each.size() / 2),
                each.get(each.size() - 1), cpu, cpu / n, (double) polls / n, Driver.pollMillis,
                Driver.TASK_LIST_500.get());
    }
}
