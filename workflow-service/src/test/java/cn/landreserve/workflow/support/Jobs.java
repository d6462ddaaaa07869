package cn.landreserve.workflow.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Drives Camunda's asynchronous jobs by hand in tests whose job executor is off. */
public final class Jobs {

    private final ManagementService management;

    public Jobs(ManagementService management) {
        this.management = management;
    }

    /** Runs every executable job (not timers) until none is left; a failing job is left with its retries lowered. */
    public int runAll() {
        int ran = 0;
        for (int round = 0; round < 100; round++) {
            List<Job> jobs = management.createJobQuery().executable().messages().list();
            if (jobs.isEmpty()) {
                return ran;
            }
            for (Job job : jobs) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failed) {
                    // recorded on the job (retries, exception message) exactly as the job executor would
                }
                ran++;
            }
        }
        throw new AssertionError("jobs still pending after 100 rounds");
    }

    public List<Job> failed() {
        return management.createJobQuery().withException().list();
    }

    public void runTimer(String processInstanceId, String activityId) {
        Job timer = management.createJobQuery().processInstanceId(processInstanceId).timers().activityId(activityId)
                .singleResult();
        if (timer == null) {
            throw new AssertionError("no timer at " + activityId);
        }
        management.executeJob(timer.getId());
    }
}
