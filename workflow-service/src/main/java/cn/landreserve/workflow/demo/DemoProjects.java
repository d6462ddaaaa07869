package cn.landreserve.workflow.demo;

import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.engine.WorkflowEngine.OpenTask;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.DemoUsers;
import cn.landreserve.workflow.task.TaskWork;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sample projects spread over the stages and districts, so that a newcomer sees a living system and the cockpit
 * has something to show: {@link #SAMPLES} projects, each driven through the same services the API uses to the stage
 * it stands in (department review, approval, acquisition, site preparation, rectification, archive, one rejected).
 * Their stage history is then spread over the past months by {@link DemoHistory}.
 */
@Component
class DemoProjects {

    private static final Logger log = LoggerFactory.getLogger(DemoProjects.class);
    private static final long STEP_TIMEOUT_MS = 120_000;

    /** One step of a path: a task, who completes it, with which outcome and opinion. */
    record Step(String element, String user, String outcome, String opinion) {}

    private static final List<Step> TO_ARCHIVE = List.of(
            new Step("Task_PrepareInitiation", "applicant", "SUBMIT", "请予审查。"),
            new Step("Task_ReviewNaturalResources", "reviewer-nr", "APPROVE", "符合国土空间规划。"),
            new Step("Task_ReviewEcology", "reviewer-eco", "APPROVE", "无生态保护红线冲突。"),
            new Step("Task_ReviewFinance", "reviewer-fin", "APPROVE", "资金来源明确。"),
            new Step("Task_ApproveInitiation", "approver", "APPROVE", "同意立项。"),
            new Step("Task_RecordAcquisition", "applicant", "SUBMIT", "补偿协议已签订。"),
            new Step("Task_ConfirmPayment", "reviewer-fin", "CONFIRM", "补偿款已足额支付。"),
            new Step("Task_ConfirmReserveEntry", "reviewer-nr", "CONFIRM", "权属清晰，无争议，同意入库。"),
            new Step("Task_PrepareSite", "applicant", "SUBMIT", "前期开发已完成，申请验收。"),
            new Step("Task_AcceptCompletion", "approver", "ACCEPT", "验收通过。"));

    /** A sample: its facts, and how many steps of {@link #TO_ARCHIVE} it takes (or a special ending). */
    record Sample(String name, String district, String area, boolean industrial, String description, int steps,
            Step ending) {}

    static final Step REJECT = new Step("Task_ApproveInitiation", "approver", "REJECT", "与年度土地储备计划不符，不予立项。");
    static final Step RECTIFY = new Step("Task_AcceptCompletion", "approver", "RECTIFY", "场地平整未达标，限期整改。");

    static final List<Sample> SAMPLES = List.of(
            new Sample("城东老工业区地块收储项目", "城东区", "45210.50", true, "原机械厂用地，拟收储后用于城市更新。", 1, null),
            new Sample("滨江新区B-07地块收储项目", "滨江新区", "18800.00", false, "规划为公共绿地及配套设施。", 8, null),
            new Sample("城东纺织厂二期地块", "城东区", "23150.00", true, "原纺织厂仓储用地。", 10, null),
            new Sample("城西物流园北侧地块", "城西区", "31200.00", false, "规划为居住用地。", 8, null),
            new Sample("高新区创新大道东地块", "高新区", "52600.00", false, "规划为科研用地。", 6, null),
            new Sample("南湖片区棚改地块", "南湖区", "15400.00", false, "棚户区改造。", 5, null),
            new Sample("城北化工厂旧址地块", "城北区", "38750.00", true, "原化工厂用地，已完成初步调查。", 7, null),
            new Sample("滨江新区C-12地块", "滨江新区", "27300.00", false, "规划为商业用地。", 9, null),
            new Sample("城西老城更新地块", "城西区", "9800.00", false, "老城区更新。", 4, null),
            new Sample("高新区人才公寓配套地块", "高新区", "12650.00", false, "保障性租赁住房配套。", 1, null),
            new Sample("南湖湿地周边地块", "南湖区", "8300.00", false, "生态修复后储备。", 0, null),
            new Sample("城北汽配城地块", "城北区", "21400.00", true, "原汽配市场用地。", 4, REJECT),
            new Sample("城东铁路货场地块", "城东区", "41900.00", true, "原铁路货场。", 9, RECTIFY),
            new Sample("滨江新区A-03地块", "滨江新区", "16200.00", false, "规划为学校用地。", 10, null),
            new Sample("城西农贸市场地块", "城西区", "6400.00", false, "农贸市场搬迁后收储。", 2, null),
            new Sample("高新区孵化园西地块", "高新区", "19900.00", false, "规划为产业用地。", 8, null),
            new Sample("南湖大道南侧地块", "南湖区", "24800.00", false, "规划为居住用地。", 0, null),
            new Sample("城北物流中心地块", "城北区", "33300.00", false, "规划为物流仓储用地。", 5, null));

    private final ProjectService projectService;
    private final ProjectRepository projects;
    private final TaskWork tasks;
    private final DocumentService documents;
    private final DocumentRepository documentRepository;
    private final WorkflowEngine engine;
    private final LifecycleCatalogue catalogue;
    private final DemoHistory history;

    DemoProjects(ProjectService projectService, ProjectRepository projects, TaskWork tasks, DocumentService documents,
            DocumentRepository documentRepository, WorkflowEngine engine, LifecycleCatalogue catalogue, DemoHistory history) {
        this.documentRepository = documentRepository;
        this.projectService = projectService;
        this.projects = projects;
        this.tasks = tasks;
        this.documents = documents;
        this.engine = engine;
        this.catalogue = catalogue;
        this.history = history;
    }

    boolean needed() {
        return projects.list(1, 0).isEmpty();
    }

    void create() throws Exception {
        long started = System.nanoTime();
        Actor applicant = user("applicant");
        List<Project> created = new ArrayList<>();
        for (Sample sample : SAMPLES) {
            created.add(projectService.open(new NewProject(sample.name(), sample.district(), new BigDecimal(sample.area()),
                    sample.industrial(), sample.description()), applicant));
        }
        // The approver publishes two in three, as a bureau publishes its reserve projects.
        for (int i = 0; i < created.size(); i += 3) {
            publish(created.get(i));
            publish(created.get(i + 1));
        }
        // Walk them one step at a time, round-robin: anchoring of one runs while the next is completed.
        int longest = SAMPLES.stream().mapToInt(s -> s.steps() + (s.ending() == null ? 0 : 1)).max().orElse(0);
        for (int step = 0; step < longest; step++) {
            for (int i = 0; i < SAMPLES.size(); i++) {
                Sample sample = SAMPLES.get(i);
                if (step < sample.steps()) {
                    complete(created.get(i), TO_ARCHIVE.get(step));
                } else if (step == sample.steps() && sample.ending() != null) {
                    complete(created.get(i), sample.ending());
                }
            }
        }
        awaitSettled(created);
        for (int i = 0; i < created.size(); i++) {
            history.spread(created.get(i).id().value(), i);
        }
        log.info("{} sample projects created in {} s, spread over stages, districts and the past months",
                created.size(), (System.nanoTime() - started) / 1_000_000_000L);
    }

    private void publish(Project project) throws Exception {
        projectService.publish(project.id().value(), true, "示例项目向社会公开 sample project published", user("approver"));
    }

    /** Waits for the task (anchoring runs asynchronously before it appears), uploads its stage's documents, completes it. */
    private void complete(Project project, Step step) throws Exception {
        Actor actor = user(step.user());
        OpenTask task = awaitTask(project, step.element());
        var definition = catalogue.requireTask(step.element());
        var stage = catalogue.stage(definition.stage()).orElseThrow();
        if (definition.outcome(step.outcome()).orElseThrow().checksDocuments()) {
            Set<String> present = documentsOf(project, stage.code());
            for (String type : stage.missingDocuments(present, project.formerIndustrial())) {
                // a one-of group (征收 / 收购 / 收回): the samples take each in turn, so the register shows all three
                String[] choices = type.split("\\|");
                String first = choices[Math.floorMod(project.code().hashCode(), choices.length)];
                byte[] pdf = SamplePdf.withText(project.code() + " " + first + " sample document");
                documents.upload(task.id(), actor, new Upload(first, "PUBLIC", null, first.toLowerCase() + ".pdf", pdf.length),
                        new ByteArrayInputStream(pdf));
            }
        }
        tasks.complete(task.id(), actor, step.outcome(), step.opinion());
    }

    private Set<String> documentsOf(Project project, String stage) {
        return Set.copyOf(documentRepository.typesOfStage(project.id().value(), stage));
    }

    private OpenTask awaitTask(Project project, String element) throws InterruptedException {
        String processInstance = projects.find(project.id().value()).orElseThrow().processInstanceId();
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            for (OpenTask t : engine.tasksOfProject(processInstance)) {
                if (t.elementId().equals(element)) {
                    return t;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("sample project " + project.code() + ": task " + element + " did not appear");
    }

    /** Waits until every sample stands where it should: an open task, or archived / rejected. */
    private void awaitSettled(List<Project> created) throws InterruptedException {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MS;
        for (Project p : created) {
            while (System.currentTimeMillis() < deadline) {
                Project now = projects.find(p.id().value()).orElseThrow();
                if (!now.active() || !engine.tasksOfProject(now.processInstanceId()).isEmpty()) {
                    break;
                }
                Thread.sleep(50);
            }
        }
    }

    private static Actor user(String username) {
        return DemoUsers.USERS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow();
    }
}
