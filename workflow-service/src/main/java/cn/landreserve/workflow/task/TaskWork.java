package cn.landreserve.workflow.task;

import static cn.landreserve.workflow.kernel.Refusal.CONFLICT;
import static cn.landreserve.workflow.kernel.Refusal.FORBIDDEN;
import static cn.landreserve.workflow.kernel.Refusal.INVALID;
import static cn.landreserve.workflow.kernel.Refusal.NOT_FOUND;

import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.engine.WorkflowEngine.OpenTask;
import cn.landreserve.workflow.engine.WorkflowEngine.TaskFilter;
import cn.landreserve.workflow.engine.WorkflowEngine.TaskPage;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.kernel.TextRules;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.Outcome;
import cn.landreserve.workflow.lifecycle.Stage;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An officer's work on user tasks: list, claim, complete. Every refusal changes nothing. */
@Service
public class TaskWork {

    static final int MAX_OPINION = 4000;

    private final WorkflowEngine engine;
    private final LifecycleCatalogue catalogue;
    private final ProjectRepository projects;
    private final DecisionBasis basis;
    private final DecisionRepository decisions;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<CompletionCheck> checks;

    TaskWork(WorkflowEngine engine, LifecycleCatalogue catalogue, ProjectRepository projects,
            DecisionBasis basis, DecisionRepository decisions, Clock clock,
            org.springframework.beans.factory.ObjectProvider<CompletionCheck> checks) {
        this.checks = checks;
        this.engine = engine;
        this.catalogue = catalogue;
        this.projects = projects;
        this.basis = basis;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** A page of this actor's tasks: filtered by stage, project and overdue, ordered as asked. */
    public TaskPage myTasks(Actor actor, TaskListQuery list) throws DomainException {
        List<String> elements = null;
        if (list.stage() != null) {
            if (catalogue.stage(list.stage()).isEmpty()) {
                throw new DomainException(INVALID, "INVALID_FILTER", "stage '" + list.stage() + "' is not a lifecycle stage",
                        Map.of("stage", list.stage()));
            }
            elements = catalogue.tasks().stream().filter(t -> t.stage().equals(list.stage())).map(TaskDefinition::element).toList();
            if (elements.isEmpty()) {
                return new TaskPage(List.of(), 0);
            }
        }
        if (list.projectId() != null && !ProjectId.isValid(list.projectId())) {
            throw new DomainException(INVALID, "INVALID_FILTER", "projectId is not a project id",
                    Map.of("projectId", list.projectId()));
        }
        return engine.tasksFor(actor.taskGroups(), actor.username(),
                new TaskFilter(elements, list.projectId(), list.overdue(), clock.instant()),
                list.order(), list.descending(), list.offset(), list.limit());
    }

    /** The task, if this actor may see and work on it. */
    /** The task if it is still open, read afresh (inside the caller's transaction). */
    public java.util.Optional<OpenTask> stillOpen(String taskId) {
        return engine.task(taskId);
    }

    public OpenTask workable(String taskId, Actor actor) throws DomainException {
        OpenTask task = openTask(taskId);
        requireMayAct(task, actor);
        return task;
    }

    @Transactional(rollbackFor = Exception.class)
    public OpenTask claim(String taskId, Actor actor) throws DomainException {
        OpenTask task = workable(taskId, actor);
        if (task.assignee() == null) {
            engine.claim(taskId, actor.username());
        }
        return engine.task(taskId).orElseThrow();
    }

    @Transactional(rollbackFor = Exception.class)
    public Decision complete(String taskId, Actor actor, String outcomeCode, String opinionText)
            throws DomainException {
        OpenTask seen = openTask(taskId);
        // Lock the project, then look again: two completions of one task cannot both pass.
        Project project = projects.findForUpdate(seen.projectId()).orElseThrow();
        OpenTask task = openTask(taskId);
        project.requireActive("complete task " + taskId);
        requireMayAct(task, actor);

        TaskDefinition definition = catalogue.requireTask(task.elementId());
        Outcome outcome = definition.outcome(outcomeCode == null ? "" : outcomeCode).orElseThrow(() -> new DomainException(
                INVALID, "UNKNOWN_OUTCOME", "outcome '" + outcomeCode + "' is not one of " + codes(definition),
                Map.of("taskId", taskId, "allowed", codes(definition))));
        String opinion = opinionText == null ? "" : opinionText.strip();
        if (opinion.length() > MAX_OPINION) {
            throw new DomainException(INVALID, "OPINION_TOO_LONG",
                    "the opinion has " + opinion.length() + " characters; at most " + MAX_OPINION, Map.of("taskId", taskId));
        }
        if (!TextRules.cleanText(opinion)) {
            // a direction override makes "同意\u202e意同不" read as "同意不同意": the text shown is not the text signed
            throw new DomainException(INVALID, "INVALID_OPINION", "the opinion contains control, direction "
                    + "or invisible characters (line breaks and tabs are fine)", Map.of("taskId", taskId));
        }
        if (outcome.needsOpinion() && opinion.isEmpty()) {
            throw new DomainException(INVALID, "OPINION_REQUIRED",
                    "outcome " + outcome.code() + " needs a written opinion giving the reasons", Map.of("taskId", taskId));
        }
        Stage stage = catalogue.stage(definition.stage()).orElseThrow();
        for (CompletionCheck check : checks.orderedStream().toList()) {
            check.beforeCompletion(new CompletionCheck.Completion(taskId, task.elementId(), project.id().value(),
                    project.formerIndustrial(), stage.code(), outcome, opinion, actor));
        }
        Instant now = clock.instant();
        Set<String> decided = decisions.ofProject(project.id().value()).stream().map(Decision::taskId)
                .collect(Collectors.toSet());
        List<String> reliedOn = basis.documentsReliedOn(project.id().value(), taskId, decided);
        Decision decision = new Decision(Decision.newId(), project.id().value(), stage.code(), taskId,
                task.elementId(), task.processDefinitionId(), engine.definitionVersion(task.processDefinitionId()),
                outcome.code(), opinion, Decision.digestOf(opinion), actor.username(), actor.roleLabel(), reliedOn,
                now, AnchorState.PENDING, null);
        decisions.insert(decision);
        engine.complete(taskId, definition.completionVariables(outcome));
        return decision;
    }

    private OpenTask openTask(String taskId) throws DomainException {
        var open = engine.task(taskId);
        if (open.isPresent()) {
            return open.get();
        }
        var done = decisions.byTask(taskId);
        if (done.isPresent()) {
            throw new DomainException(CONFLICT, "TASK_ALREADY_COMPLETED",
                    "task " + taskId + " was already completed by " + done.get().actor(),
                    Map.of("taskId", taskId, "decisionId", done.get().id()));
        }
        throw new DomainException(NOT_FOUND, "TASK_NOT_FOUND", "no open task " + taskId, Map.of("taskId", String.valueOf(taskId)));
    }

    private static void requireMayAct(OpenTask task, Actor actor) throws DomainException {
        if (task.assignee() != null && !task.assignee().equals(actor.username())) {
            throw new DomainException(FORBIDDEN, "TASK_CLAIMED_BY_OTHER",
                    "task " + task.id() + " is claimed by another officer", Map.of("taskId", task.id()));
        }
        if (task.assignee() == null && task.candidateGroups().stream().noneMatch(actor::worksFor)) {
            throw new DomainException(FORBIDDEN, "NOT_YOUR_TASK",
                    "task " + task.id() + " is for " + String.join(", ", task.candidateGroups()), Map.of("taskId", task.id()));
        }
    }

    private static List<String> codes(TaskDefinition definition) {
        return definition.outcomes().stream().map(Outcome::code).toList();
    }
}
