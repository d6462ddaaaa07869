package cn.landreserve.bench;

import cn.landreserve.workflow.engine.ProcessVariables;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.LifecycleProcess;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * The lifecycle BPMN on bare Camunda: the very model the service deploys ({@link LifecycleProcess} from the
 * catalogue), on an embedded PostgreSQL 17 with the service's durable settings (fsync, synchronous_commit and
 * full_page_writes on), a Hikari pool of 20, history level full; every delegate and listener a no-op; job executor
 * off, the driver executing each project's jobs itself right after each task. No HTTP, no documents, no ledger.
 * Same tasks and outcomes as the service benchmark, completed with the variables the service sets.
 *
 * <p>Args: projects concurrency dataDir [warmupProjects]
 */
public final class BareLifecycle {

    /** Every delegate and listener of the model, doing nothing. */
    static final class NoOp implements JavaDelegate, TaskListener, ExecutionListener {
        @Override
        public void execute(DelegateExecution execution) {}

        @Override
        public void notify(DelegateTask task) {}

        @Override
        public void notify(DelegateExecution execution) {}
    }

    record Step(String element, String outcome) {}

    static final List<Step> STEPS = List.of(
            new Step("Task_PrepareInitiation", "SUBMIT"),
            new Step("Task_ReviewNaturalResources", "APPROVE"),
            new Step("Task_ReviewEcology", "APPROVE"),
            new Step("Task_ReviewFinance", "APPROVE"),
            new Step("Task_ApproveInitiation", "APPROVE"),
            new Step("Task_RecordAcquisition", "SUBMIT"),
            new Step("Task_ConfirmPayment", "CONFIRM"),
            new Step("Task_ConfirmReserveEntry", "CONFIRM"),
            new Step("Task_PrepareSite", "SUBMIT"),
            new Step("Task_AcceptCompletion", "ACCEPT"));

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int c = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .start();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        hikari.setUsername("postgres");
        hikari.setPassword("postgres");
        hikari.setMaximumPoolSize(20);
        HikariDataSource dataSource = new HikariDataSource(hikari);

        NoOp noOp = new NoOp();
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setDataSource(dataSource);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        config.setJobExecutorActivate(false);
        config.setMetricsEnabled(false);
        config.setBeans(Map.of("anchorEvidenceDelegate", noOp, "escalateReviewDelegate", noOp,
                "sealProjectDelegate", noOp, "stageEnteredListener", noOp, "projectRejectedListener", noOp));
        ProcessEngine engine = config.buildProcessEngine();
        try {
            LifecycleCatalogue catalogue = LifecycleCatalogue.load();
            engine.getRepositoryService().createDeployment().name(LifecycleProcess.RESOURCE_NAME)
                    .addModelInstance(LifecycleProcess.RESOURCE_NAME, new LifecycleProcess(catalogue, "R3/PT1S").build())
                    .deploy();

            long pid = ProcessHandle.current().pid();
            int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
            long w0 = System.nanoTime();
            for (int i = 0; i < warmup; i++) {
                walk(engine, catalogue);
            }
            System.out.printf("warm-up: %d projects archived one after another in %.2f s%n", warmup, (System.nanoTime() - w0) / 1e9);

            double cpu0 = ProcTree.cpuSeconds(pid);
            long t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(c);
            List<Future<Double>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    walk(engine, catalogue);
                    return (System.nanoTime() - s) / 1e9;
                }));
            }
            List<Double> each = new ArrayList<>();
            for (Future<Double> f : runs) {
                each.add(f.get());
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = ProcTree.cpuSeconds(pid) - cpu0;
            pool.shutdown();
            Collections.sort(each);
            System.out.printf("RESULT lifecycle-bare projects=%d concurrency=%d wall_s=%.2f projects_per_min=%.1f "
                            + "wall_per_project_s=%.3f project_p50_s=%.3f project_max_s=%.3f cpu_s=%.1f cpu_per_project_s=%.3f%n",
                    n, c, wall, n * 60 / wall, wall / n, each.get(each.size() / 2), each.get(each.size() - 1), cpu, cpu / n);
        } finally {
            engine.close();
            dataSource.close();
            postgres.close();
        }
    }

    static void walk(ProcessEngine engine, LifecycleCatalogue catalogue) {
        String projectId = UUID.randomUUID().toString();
        String instance = engine.getRuntimeService().startProcessInstanceByKey(LifecycleProcess.PROCESS_KEY, projectId,
                Map.of(ProcessVariables.PROJECT_ID, projectId, ProcessVariables.FORMER_INDUSTRIAL, true,
                        ProcessVariables.REVIEW_DEADLINE, "P5D", ProcessVariables.REVIEW_RETURNED, false)).getId();
        runJobs(engine, instance);
        for (Step step : STEPS) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance)
                    .taskDefinitionKey(step.element()).singleResult();
            if (task == null) {
                throw new IllegalStateException(step.element() + " is not open in " + instance);
            }
            TaskDefinition definition = catalogue.requireTask(step.element());
            engine.getTaskService().complete(task.getId(),
                    definition.completionVariables(definition.outcome(step.outcome()).orElseThrow()));
            runJobs(engine, instance);
        }
        if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() != 0) {
            throw new IllegalStateException("project " + instance + " did not end");
        }
    }

    /** Executes the instance's due jobs (anchoring and sealing continuations; the review timers are days away). */
    static void runJobs(ProcessEngine engine, String instance) {
        while (true) {
            List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            for (Job job : jobs) {
                engine.getManagementService().executeJob(job.getId());
            }
        }
    }
}
