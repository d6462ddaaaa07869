package cn.landreserve.workflow.project;

import static cn.landreserve.workflow.kernel.Refusal.NOT_FOUND;

import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opening projects and moving them through their lifecycle states. */
@Service
public class ProjectService {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final int MAX_REASON = 500;

    private final ProjectRepository projects;
    private final StageHistory stages;
    private final ProjectVersionRepository versions;
    private final WorkflowEngine engine;
    private final Clock clock;
    private final Duration reviewDeadline;

    ProjectService(ProjectRepository projects, StageHistory stages, ProjectVersionRepository versions,
            WorkflowEngine engine, Clock clock, ReserveProperties settings) {
        this.projects = projects;
        this.stages = stages;
        this.versions = versions;
        this.engine = engine;
        this.clock = clock;
        this.reviewDeadline = settings.workflow().reviewDeadline();
    }

    @Transactional(rollbackFor = Exception.class)
    public Project open(NewProject facts, Actor actor) throws DomainException {
        requireRole(actor, Role.APPLICANT, "NOT_AN_APPLICANT", "only reserve-agency staff open projects");
        facts.requireValid(); // before a project code is drawn: a refusal leaves no gap in the codes
        Instant now = clock.instant();
        Project project = Project.open(ProjectId.generate(), projects.nextCode(now.atZone(CHINA).getYear()),
                facts, actor.username(), now);
        projects.insert(project);
        stages.enter(project.id().value(), project.currentStage(), now);
        versions.insert(ProjectVersion.first(project, actor.role().name(), "项目创建 project opened"));
        String processInstance = engine.startProject(project.id().value(), facts.formerIndustrial(), reviewDeadline.toString());
        Project started = project.withProcessInstance(processInstance);
        projects.update(started);
        return projects.find(project.id().value()).orElseThrow();
    }

    /**
     * The applicant corrects the project's facts before the approval decision. The change is a new version of the
     * facts, anchored like every other piece of evidence, naming the one before it, the actor and the reason.
     */
    @Transactional(rollbackFor = Exception.class)
    public Project amend(String projectId, NewProject facts, String reason, Actor actor)
            throws DomainException {
        requireRole(actor, Role.APPLICANT, "NOT_AN_APPLICANT", "only reserve-agency staff amend a project's facts");
        facts.requireValid();
        validateReason(reason);
        Project current = lock(projectId);
        Project amended = current.amend(facts, clock.instant());
        projects.update(amended);
        recordVersion(amended, actor, reason);
        if (amended.formerIndustrial() != current.formerIndustrial() && amended.processInstanceId() != null) {
            engine.updateFormerIndustrial(amended.processInstanceId(), amended.formerIndustrial());
        }
        return amended;
    }

    /**
     * The applicant gives or changes the project's parcel boundaries: a new version of the facts naming the digest of
     * their canonical GeoJSON (stored by the caller under that digest), anchored like every version.
     */
    @Transactional(rollbackFor = Exception.class)
    public ProjectVersion amendGeometry(String projectId, String geometrySha256, String reason, Actor actor)
            throws DomainException {
        requireRole(actor, Role.APPLICANT, "NOT_AN_APPLICANT", "only reserve-agency staff give a project's parcels");
        validateReason(reason);
        Project current = lock(projectId);
        current.requireAmendable();
        ProjectVersion latest = versions.latest(projectId).orElseThrow(() -> new IllegalStateException(
                "project " + projectId + " has no first version of its facts"));
        if (geometrySha256.equals(latest.geometrySha256())) {
            throw new ProjectStateException(projectId, "NOTHING_CHANGED", "the parcels are the same as in version "
                    + latest.version());
        }
        ProjectVersion next = latest.nextWithGeometry(current, geometrySha256, actor.username(), actor.role().name(),
                reason.strip(), clock.instant());
        versions.insert(next);
        return next;
    }

    /**
     * The approver publishes or withdraws a project. The public reads publication from the ledger, so the change
     * takes effect for them once its version is anchored.
     */
    @Transactional(rollbackFor = Exception.class)
    public Project publish(String projectId, boolean publish, String reason, Actor actor)
            throws DomainException {
        requireRole(actor, Role.APPROVER, "NOT_AN_APPROVER", "only an approver publishes or withdraws a project");
        validateReason(reason);
        Project changed = lock(projectId).publish(publish, clock.instant());
        projects.update(changed);
        recordVersion(changed, actor, reason);
        return changed;
    }

    /** Every version of the project's facts, oldest first. */
    public List<ProjectVersion> versions(String projectId) throws DomainException {
        return versions.ofProject(require(projectId).id().value());
    }

    private Project lock(String projectId) throws DomainException {
        return projects.findForUpdate(projectId).orElseThrow(() -> new DomainException(NOT_FOUND,
                "PROJECT_NOT_FOUND", "no project " + projectId, Map.of("projectId", String.valueOf(projectId))));
    }

    private void recordVersion(Project project, Actor actor, String reason) {
        ProjectVersion latest = versions.latest(project.id().value()).orElseThrow(() -> new IllegalStateException(
                "project " + project.id() + " has no first version of its facts"));
        versions.insert(latest.next(project, actor.username(), actor.role().name(), reason.strip(), clock.instant()));
    }

    private static void validateReason(String reason) throws DomainException {
        Project.NewProject.text("reason", reason, MAX_REASON);
    }

    private static void requireRole(Actor actor, Role role, String code, String rule) throws DomainException {
        if (actor.role() != role) {
            throw new DomainException(Refusal.FORBIDDEN, code, rule);
        }
    }

    public Project require(String projectId) throws DomainException {
        return projects.find(projectId).orElseThrow(() -> new DomainException(
                NOT_FOUND, "PROJECT_NOT_FOUND", "no project " + projectId, Map.of("projectId", String.valueOf(projectId))));
    }

    /** Called when a user task of a stage is created. */
    @Transactional(rollbackFor = Exception.class)
    public void enterStage(ProjectId projectId, String stage) throws ProjectStateException {
        Project project = projects.findForUpdate(projectId.value()).orElseThrow();
        if (!project.currentStage().equals(stage)) {
            Project moved = project.enterStage(stage, clock.instant());
            projects.update(moved);
            stages.enter(projectId.value(), stage, moved.updatedAt());
        }
    }

    @Transactional(rollbackFor = Exception.class)
    public void reject(ProjectId projectId) throws ProjectStateException {
        Project rejected = projects.findForUpdate(projectId.value()).orElseThrow().reject(clock.instant());
        projects.update(rejected);
        stages.leave(projectId.value(), rejected.updatedAt());
    }

    @Transactional(rollbackFor = Exception.class)
    public void archive(ProjectId projectId) throws ProjectStateException {
        Project archived = projects.findForUpdate(projectId.value()).orElseThrow().archive(clock.instant());
        projects.update(archived);
        stages.enter(projectId.value(), archived.currentStage(), archived.updatedAt());
    }
}
