package cn.landreserve.workflow.demo;

import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.task.TaskWork;
import cn.landreserve.workflow.task.WorkflowEngine;
import cn.landreserve.workflow.task.WorkflowEngine.OpenTask;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two sample projects at different stages, so that a newcomer sees a living system: one waiting for the
 * department reviews, one in site preparation. Driven through the same services the API uses.
 */
@Component
class DemoProjects {

    private static final Logger log = LoggerFactory.getLogger(DemoProjects.class);
    private static final long STEP_TIMEOUT_MS = 120_000;

    private final ProjectService projectService;
    private final ProjectRepository projects;
    private final TaskWork tasks;
    private final DocumentService documents;
    private final WorkflowEngine engine;
    private final LifecycleCatalogue catalogue;

    DemoProjects(ProjectService projectService, ProjectRepository projects, TaskWork tasks, DocumentService documents,
            WorkflowEngine engine, LifecycleCatalogue catalogue) {
        this.projectService = projectService;
        this.projects = projects;
        this.tasks = tasks;
        this.documents = documents;
        this.engine = engine;
        this.catalogue = catalogue;
    }

    boolean needed() {
        return projects.list(1, 0).isEmpty();
    }

    void create() throws Exception {
        Actor applicant = user("applicant");
        Project review = projectService.open(new NewProject("城东老工业区地块收储项目", "城东区", new BigDecimal("45210.50"),
                true, "原机械厂用地，拟收储后用于城市更新。"), applicant);
        publish(review);
        complete(review, "Task_PrepareInitiation", applicant, "SUBMIT", "请予审查。");
        log.info("Sample project {} is waiting for the department reviews", review.code());

        Project site = projectService.open(new NewProject("滨江新区B-07地块收储项目", "滨江新区", new BigDecimal("18800.00"),
                false, "规划为公共绿地及配套设施。"), applicant);
        publish(site);
        complete(site, "Task_PrepareInitiation", applicant, "SUBMIT", "请予审查。");
        complete(site, "Task_ReviewNaturalResources", user("reviewer-nr"), "APPROVE", "符合国土空间规划。");
        complete(site, "Task_ReviewEcology", user("reviewer-eco"), "APPROVE", "无生态保护红线冲突。");
        complete(site, "Task_ReviewFinance", user("reviewer-fin"), "APPROVE", "资金来源明确。");
        complete(site, "Task_ApproveInitiation", user("approver"), "APPROVE", "同意立项。");
        complete(site, "Task_RecordAcquisition", applicant, "SUBMIT", "补偿协议已签订。");
        complete(site, "Task_ConfirmPayment", user("reviewer-fin"), "CONFIRM", "补偿款已足额支付。");
        complete(site, "Task_ConfirmReserveEntry", user("reviewer-nr"), "CONFIRM", "权属清晰，无争议，同意入库。");
        log.info("Sample project {} is in site preparation", site.code());
    }

    /** The approver publishes the sample project, as a bureau publishes its reserve projects. */
    private void publish(Project project) throws Exception {
        projectService.publish(project.id().value(), true, "示例项目向社会公开 sample project published", user("approver"));
    }

    /** Waits for the task (anchoring runs asynchronously before it appears), uploads its stage's documents, completes it. */
    private void complete(Project project, String element, Actor actor, String outcome, String opinion) throws Exception {
        OpenTask task = awaitTask(project, element);
        var definition = catalogue.requireTask(element);
        var stage = catalogue.stage(definition.stage()).orElseThrow();
        if (definition.outcome(outcome).orElseThrow().checksDocuments()) {
            for (String type : stage.missingDocuments(java.util.Set.of(), project.formerIndustrial())) {
                String first = type.split("\\|")[0];
                byte[] pdf = SamplePdf.withText(project.code() + " " + first + " sample document");
                documents.upload(task.id(), actor, new Upload(first, "PUBLIC", null, first.toLowerCase() + ".pdf", pdf.length),
                        new ByteArrayInputStream(pdf));
            }
        }
        tasks.complete(task.id(), actor, outcome, opinion);
    }

    private OpenTask awaitTask(Project project, String element) throws InterruptedException {
        String processInstance = projects.find(project.id().value()).orElseThrow().processInstanceId();
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            List<OpenTask> open = engine.tasksOfProject(processInstance);
            for (OpenTask t : open) {
                if (t.elementId().equals(element)) {
                    return t;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("sample project " + project.code() + ": task " + element + " did not appear");
    }

    private static Actor user(String username) {
        return DemoUsers.USERS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow();
    }
}
