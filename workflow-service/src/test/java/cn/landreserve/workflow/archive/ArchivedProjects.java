package cn.landreserve.workflow.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.evidence.EvidenceAnchoring;
import cn.landreserve.workflow.evidence.PendingDocumentSweeper;
import cn.landreserve.workflow.evidence.ProjectSealing;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.DemoUsers;
import cn.landreserve.workflow.support.Jobs;
import cn.landreserve.workflow.task.TaskWork;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drives projects of a running service (job executor off) to their archive: every stage with real files of the
 * media types an archive holds (PDF, PNG, CSV, DOCX, GeoJSON, ZIP) and a second version of the plan.
 */
final class ArchivedProjects {

    private final ConfigurableApplicationContext service;

    ArchivedProjects(ConfigurableApplicationContext service) {
        this.service = service;
    }

    static Actor user(String name) {
        return DemoUsers.USERS.stream().filter(a -> a.username().equals(name)).findFirst().orElseThrow();
    }

    /** A project through every stage to ARCHIVED, its package built; returns the project. */
    Project archive(String name, boolean industrial) throws Exception {
        Project p = bean(ProjectService.class).open(new NewProject(name, "北湖区", new BigDecimal("30210.75"),
                industrial, null), user("applicant"));
        String prepare = task(p, "Task_PrepareInitiation");
        Document plan = upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", null, "实施方案.pdf",
                ArchiveFiles.pdf("Implementation plan v1 of " + p.code()));
        upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", plan.id(), "实施方案-修订.pdf",
                ArchiveFiles.pdf("Implementation plan v2 of " + p.code()));
        upload(prepare, "applicant", "SITE_TITLE_SURVEY", "SENSITIVE", null, "权属调查-张三.png", ArchiveFiles.png(1));
        upload(prepare, "applicant", "BUDGET_ESTIMATE", "INTERNAL", null, "资金测算.csv", ArchiveFiles.csv());
        complete(prepare, "applicant", "SUBMIT", "请予审查。");
        complete(task(p, "Task_ReviewNaturalResources"), "reviewer-nr", "APPROVE", "符合规划。");
        complete(task(p, "Task_ReviewEcology"), "reviewer-eco", "APPROVE", "同意。");
        complete(task(p, "Task_ReviewFinance"), "reviewer-fin", "APPROVE", "资金落实。");
        String approve = task(p, "Task_ApproveInitiation");
        upload(approve, "approver", "INITIATION_APPROVAL", "PUBLIC", null, "立项批复.pdf",
                ArchiveFiles.pdf("Initiation approval of " + p.code()));
        complete(approve, "approver", "APPROVE", "同意立项。");
        String acquire = task(p, "Task_RecordAcquisition");
        upload(acquire, "applicant", "COMPENSATION_AGREEMENT", "SENSITIVE", null, "补偿协议.docx",
                ArchiveFiles.docx("Compensation agreement of " + p.code()));
        upload(acquire, "applicant", "PAYMENT_PROOF", "INTERNAL", null, "支付凭证.pdf",
                ArchiveFiles.pdf("Payment proof of " + p.code()));
        upload(acquire, "applicant", "TITLE_RECORD", "INTERNAL", null, "宗地.geojson", ArchiveFiles.geoJson());
        complete(acquire, "applicant", "SUBMIT", "");
        complete(task(p, "Task_ConfirmPayment"), "reviewer-fin", "CONFIRM", "已支付。");
        String entry = task(p, "Task_ConfirmReserveEntry");
        upload(entry, "reviewer-nr", "RESERVE_ENTRY_CONFIRMATION", "PUBLIC", null, "入库确认书.pdf",
                ArchiveFiles.pdf("Reserve entry of " + p.code()));
        if (industrial) {
            upload(entry, "reviewer-nr", "SOIL_POLLUTION_SURVEY", "PUBLIC", null, "土壤调查.pdf",
                    ArchiveFiles.pdf("Soil survey of " + p.code()));
        }
        complete(entry, "reviewer-nr", "CONFIRM", "同意入库。");
        String site = task(p, "Task_PrepareSite");
        upload(site, "applicant", "CONSTRUCTION_CONTRACT", "INTERNAL", null, "施工合同.pdf",
                ArchiveFiles.pdf("Construction contract of " + p.code()));
        upload(site, "applicant", "SUPERVISION_REPORT", "INTERNAL", null, "监理报告.zip",
                ArchiveFiles.zip("supervision of " + p.code()));
        complete(site, "applicant", "SUBMIT", "");
        String accept = task(p, "Task_AcceptCompletion");
        upload(accept, "approver", "ACCEPTANCE_REPORT", "PUBLIC", null, "竣工验收报告.pdf",
                ArchiveFiles.pdf("Acceptance report of " + p.code()));
        complete(accept, "approver", "ACCEPT", "验收合格。");
        assertThat(new Jobs(bean(ManagementService.class)).failed()).as("failed jobs").isEmpty();
        assertThat(bean(ArchivePackages.class).find(p.id().value())).as("the package of " + p.code()).isPresent();
        return bean(ProjectService.class).require(p.id().value());
    }

    /**
     * A project sealed and packaged with only part of its initiation file (the implementation plan): archived by the
     * service's sealing directly, as a project migrated from an earlier system or sealed by hand would be.
     */
    Project sealIncomplete(String name) throws Exception {
        Project p = bean(ProjectService.class).open(new NewProject(name, "城东区", new BigDecimal("1200.00"), false,
                null), user("applicant"));
        String prepare = task(p, "Task_PrepareInitiation");
        upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", null, "实施方案.pdf",
                ArchiveFiles.pdf("Implementation plan of " + p.code()));
        bean(EvidenceAnchoring.class).anchorPending(p.id());
        bean(ProjectSealing.class).seal(p.id());
        bean(ArchivePackageBuilder.class).build(p.id());
        return bean(ProjectService.class).require(p.id().value());
    }

    private String task(Project p, String element) {
        Project current;
        try {
            current = bean(ProjectService.class).require(p.id().value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<String> open = new ArrayList<>();
        for (WorkflowEngine.OpenTask t : bean(WorkflowEngine.class).tasksOfProject(current.processInstanceId())) {
            if (t.elementId().equals(element)) {
                return t.id();
            }
            open.add(t.elementId());
        }
        throw new AssertionError(element + " is not open; open: " + open);
    }

    private Document upload(String task, String user, String type, String classification, String replaces, String name,
            byte[] bytes) throws Exception {
        return bean(DocumentService.class).upload(task, user(user), new Upload(type, classification, replaces, name,
                bytes.length), new ByteArrayInputStream(bytes));
    }

    private void complete(String task, String user, String outcome, String opinion) throws Exception {
        bean(TaskWork.class).complete(task, user(user), outcome, opinion);
        new Jobs(bean(ManagementService.class)).runAll();
        bean(PendingDocumentSweeper.class).sweep();
    }

    private <T> T bean(Class<T> type) {
        return service.getBean(type);
    }
}
