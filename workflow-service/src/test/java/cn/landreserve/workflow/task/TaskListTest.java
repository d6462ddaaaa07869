package cn.landreserve.workflow.task;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.Jobs;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/** Task lists page, filter and sort in the database; reviews carry their deadline; an escalation is in the timeline. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskListTest extends RunningServiceTest {

    @Autowired TaskService camundaTasks;

    private Project inReview(String name) throws Exception {
        Project p = openProject(name, false);
        String prepare = openTask(p, "Task_PrepareInitiation");
        upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", pdf("plan " + p.id()));
        upload(prepare, "applicant", "SITE_TITLE_SURVEY", "INTERNAL", pdf("survey " + p.id()));
        upload(prepare, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("budget " + p.id()));
        tasks.complete(prepare, user("applicant"), "SUBMIT", "");
        runJobs();
        return p;
    }

    private static List<String> ids(Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().forEach(t -> ids.add(t.at("/task/id").asText()));
        return ids;
    }

    @Test
    void pages_of_the_applicants_tasks_cover_every_task_once_with_the_total_in_a_header() throws Exception {
        for (int i = 0; i < 7; i++) {
            openProject("分页项目" + i, false);
        }
        Response first = as("applicant").get("/api/tasks?limit=3&sort=created");
        long total = Long.parseLong(first.raw().headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).isGreaterThanOrEqualTo(7);
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 3) {
            List<String> page = ids(as("applicant").get("/api/tasks?limit=3&sort=created&offset=" + offset));
            assertThat(page).hasSizeLessThanOrEqualTo(3).isNotEmpty();
            all.addAll(page);
            seen.addAll(page);
        }
        assertThat(all).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(seen).hasSize((int) total);
        assertThat(ids(as("applicant").get("/api/tasks?limit=500"))).hasSize((int) Math.min(total, 500));
        // the default page is 50, no longer every open task at once
        assertThat(ids(as("applicant").get("/api/tasks")).size()).isLessThanOrEqualTo(50);
    }

    @Test
    void a_review_task_is_due_when_its_deadline_passes_and_the_overdue_filter_finds_it() throws Exception {
        Project p = inReview("审查期限项目");
        Response r = as("reviewer-eco").get("/api/tasks?projectId=" + p.id());
        List<String> tasksOfProject = ids(r);
        assertThat(tasksOfProject).hasSize(1);
        JsonNode task = r.json().get(0).get("task");
        assertThat(task.get("elementId").asText()).isEqualTo("Task_ReviewEcology");
        Instant created = Instant.parse(task.get("created").asText());
        Instant due = Instant.parse(task.get("due").asText());
        // the due date is computed from the engine's clock as the task is created: within a second of created + 5 days
        assertThat(Duration.between(created, due)).isBetween(Duration.ofDays(5), Duration.ofDays(5).plusSeconds(1));

        assertThat(ids(as("reviewer-eco").get("/api/tasks?overdue=true&projectId=" + p.id()))).isEmpty();
        camundaTasks.setDueDate(task.get("id").asText(), Date.from(Instant.now().minus(Duration.ofHours(1))));
        assertThat(ids(as("reviewer-eco").get("/api/tasks?overdue=true&projectId=" + p.id())))
                .containsExactly(task.get("id").asText());
        assertThat(ids(as("reviewer-eco").get("/api/tasks?overdue=true&limit=500"))).contains(task.get("id").asText());
        // stage filter: the applicant has no review tasks; the reviewer's review is in REVIEW, not in INITIATION
        assertThat(ids(as("applicant").get("/api/tasks?stage=REVIEW&projectId=" + p.id()))).isEmpty();
        assertThat(ids(as("reviewer-eco").get("/api/tasks?stage=REVIEW&projectId=" + p.id()))).hasSize(1);
        assertThat(ids(as("reviewer-eco").get("/api/tasks?stage=INITIATION&projectId=" + p.id()))).isEmpty();
    }

    @Test
    void sorting_by_due_date_puts_the_earliest_deadline_first_and_desc_reverses_it() throws Exception {
        Project a = inReview("排序项目甲");
        Project b = inReview("排序项目乙");
        String ta = openTask(a, "Task_ReviewFinance");
        String tb = openTask(b, "Task_ReviewFinance");
        camundaTasks.setDueDate(tb, Date.from(Instant.now().minus(Duration.ofDays(2))));
        camundaTasks.setDueDate(ta, Date.from(Instant.now().minus(Duration.ofDays(1))));
        List<String> asc = ids(as("reviewer-fin").get("/api/tasks?overdue=true&sort=due&limit=500"));
        assertThat(asc.indexOf(tb)).isGreaterThanOrEqualTo(0).isLessThan(asc.indexOf(ta));
        List<String> desc = ids(as("reviewer-fin").get("/api/tasks?overdue=true&sort=due&order=desc&limit=500"));
        assertThat(desc.indexOf(ta)).isGreaterThanOrEqualTo(0).isLessThan(desc.indexOf(tb));
    }

    @Test
    void an_escalated_review_appears_in_the_projects_timeline() throws Exception {
        Project p = inReview("督办项目");
        new Jobs(management).runTimer(p.processInstanceId(), "Timer_FinanceOverdue");
        JsonNode timeline = as("auditor").get("/api/projects/" + p.id() + "/timeline").json();
        List<JsonNode> escalations = new ArrayList<>();
        timeline.forEach(item -> {
            if (item.get("kind").asText().equals("ESCALATION")) {
                escalations.add(item);
            }
        });
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).get("elementId").asText()).isEqualTo("Task_ReviewFinance");
        assertThat(escalations.get(0).get("stage").asText()).isEqualTo("REVIEW");
        // the approvers now see it, first when sorted by priority
        List<String> approver = ids(as("approver").get("/api/tasks?sort=priority&stage=REVIEW&limit=500"));
        assertThat(approver).contains(openTask(p, "Task_ReviewFinance"));
    }

    @Test
    void bad_list_parameters_are_refused_with_a_stable_code() {
        for (String query : List.of("stage=NOPE", "sort=name", "order=up", "limit=0", "limit=501", "offset=-1",
                "projectId=../x", "limit=abc")) {
            Response r = as("applicant").get("/api/tasks?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.json().get("code").asText()).as(query).isIn("INVALID_FILTER", "MALFORMED_REQUEST");
        }
        assertThat(as("applicant").get("/api/tasks?stage=NOPE").json().get("code").asText()).isEqualTo("INVALID_FILTER");
    }
}
