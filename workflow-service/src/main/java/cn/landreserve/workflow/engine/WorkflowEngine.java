package cn.landreserve.workflow.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.stereotype.Component;

/**
 * The one class that talks to Camunda's services (RuntimeService, TaskService, RepositoryService…).
 * Everything else sees plain values: {@link OpenTask}, ids and variables.
 */
@Component
public class WorkflowEngine {

    private final ProcessEngine engine;

    WorkflowEngine(ProcessEngine engine) {
        this.engine = engine;
    }

    /** The lifecycle process's key (see lifecycle.LifecycleProcess). */
    public static final String LIFECYCLE_PROCESS = "LandReserveLifecycle";
    /** The rectification process's key and variables (see supervision.RectificationProcess). */
    public static final String RECTIFICATION_PROCESS = "Process_Rectification";
    public static final String RECTIFICATION_ID = "rectificationId";
    public static final String RECTIFICATION_DEADLINE = "rectificationDeadline";

    /** An open user task as the rest of the service sees it. */
    public record OpenTask(
            String id, String elementId, String name, String projectId, String processInstanceId,
            String processDefinitionId, List<String> candidateGroups, String assignee, Instant created, Instant due,
            int priority) {}

    /** Deploys a model; Camunda's duplicate filtering keeps the version when nothing changed. */
    public void deploy(String resourceName, BpmnModelInstance model) {
        engine.getRepositoryService().createDeployment()
                .name(resourceName)
                .enableDuplicateFiltering(true)
                .addModelInstance(resourceName, model)
                .deploy();
    }

    public String startProject(String projectId, boolean formerIndustrial, String reviewDeadline) {
        return engine.getRuntimeService().startProcessInstanceByKey(LIFECYCLE_PROCESS, projectId, Map.of(
                ProcessVariables.PROJECT_ID, projectId,
                ProcessVariables.FORMER_INDUSTRIAL, formerIndustrial,
                ProcessVariables.REVIEW_DEADLINE, reviewDeadline,
                ProcessVariables.REVIEW_RETURNED, false)).getId();
    }

    /**
     * Starts a rectification of an inspection finding: its own small process ({@code Process_Rectification}) with a
     * task for the agency due at the deadline, under the project's business key.
     */
    public String startRectification(String projectId, String rectificationId, Instant deadline) {
        return engine.getRuntimeService().startProcessInstanceByKey(RECTIFICATION_PROCESS, projectId, Map.of(
                ProcessVariables.PROJECT_ID, projectId,
                RECTIFICATION_ID, rectificationId,
                RECTIFICATION_DEADLINE, java.util.Date.from(deadline))).getId();
    }

    /** Keeps the process's copy of the former-industrial flag in step with an amendment of the project's facts. */
    public void updateFormerIndustrial(String processInstanceId, boolean formerIndustrial) {
        engine.getRuntimeService().setVariable(processInstanceId, ProcessVariables.FORMER_INDUSTRIAL, formerIndustrial);
    }

    public Optional<OpenTask> task(String taskId) {
        if (taskId == null || taskId.isBlank() || taskId.length() > 64) {
            return Optional.empty();
        }
        return open(engine.getTaskService().createTaskQuery().taskId(taskId).list()).stream().findFirst();
    }

    /** Which of a user's tasks to list: all when a field is null or false. */
    public record TaskFilter(List<String> elementIds, String projectId, boolean overdue, Instant now) {}

    /** How a task list is ordered; ties are broken by creation time, then id, so that pages never overlap. */
    public enum TaskOrder { DUE, CREATED, PRIORITY }

    /** One page of tasks and how many match in all. */
    public record TaskPage(List<OpenTask> tasks, long total) {}

    /** A page of the tasks offered to any of the groups or assigned to the user, filtered and ordered in the database. */
    public TaskPage tasksFor(List<String> groups, String username, TaskFilter filter, TaskOrder order, boolean descending,
            int offset, int limit) {
        var query = engine.getTaskService().createTaskQuery().active().or().taskAssignee(username);
        if (!groups.isEmpty()) {
            query = query.taskCandidateGroupIn(groups).includeAssignedTasks();
        }
        query = query.endOr();
        if (filter.elementIds() != null) {
            query = query.taskDefinitionKeyIn(filter.elementIds().toArray(String[]::new));
        }
        if (filter.projectId() != null) {
            query = query.processInstanceBusinessKey(filter.projectId());
        }
        if (filter.overdue()) {
            query = query.dueBefore(java.util.Date.from(filter.now()));
        }
        long total = query.count();
        query = switch (order) {
            case DUE -> query.orderByDueDate();
            case CREATED -> query.orderByTaskCreateTime();
            case PRIORITY -> query.orderByTaskPriority();
        };
        query = descending ? query.desc() : query.asc();
        if (order != TaskOrder.CREATED) {
            query = query.orderByTaskCreateTime().asc();
        }
        return new TaskPage(open(query.orderByTaskId().asc().listPage(offset, limit)), total);
    }

    /** Open tasks of these elements whose due date has passed (counted in the database). */
    public long countOverdue(List<String> elementIds, Instant now) {
        return engine.getTaskService().createTaskQuery().active()
                .taskDefinitionKeyIn(elementIds.toArray(String[]::new)).dueBefore(java.util.Date.from(now)).count();
    }

    public List<OpenTask> tasksOfProject(String processInstanceId) {
        return open(engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).active()
                .orderByTaskCreateTime().asc().list());
    }

    public void claim(String taskId, String username) {
        engine.getTaskService().claim(taskId, username);
    }

    public void complete(String taskId, Map<String, Object> variables) {
        engine.getTaskService().complete(taskId, variables);
    }

    public void escalate(String processInstanceId, String elementId, String extraGroup) {
        for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(elementId).list()) {
            engine.getTaskService().setPriority(task.getId(), Math.max(task.getPriority(), 80));
            engine.getTaskService().addCandidateGroup(task.getId(), extraGroup);
        }
    }

    public Optional<String> taskIdOf(String processInstanceId, String elementId) {
        return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(elementId).list().stream().map(Task::getId).findFirst();
    }

    public int definitionVersion(String processDefinitionId) {
        ProcessDefinition definition = engine.getRepositoryService().getProcessDefinition(processDefinitionId);
        return definition.getVersion();
    }

    public boolean ended(String processInstanceId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0;
    }

    /** Open incidents (failed jobs out of retries), for operators. */
    public List<IncidentView> incidents() {
        return engine.getRuntimeService().createIncidentQuery().orderByIncidentTimestamp().desc().list().stream()
                .map(WorkflowEngine::view).toList();
    }

    /** Number of asynchronous jobs waiting (the anchoring backlog among them). */
    public long pendingJobs() {
        return engine.getManagementService().createJobQuery().executable().count();
    }

    /** Gives failed jobs of a process instance their retries back (an operator's "retry"). */
    public int retryFailedJobs(String processInstanceId, int retries) {
        var jobs = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).noRetriesLeft().list();
        jobs.forEach(job -> engine.getManagementService().setJobRetries(job.getId(), retries));
        return jobs.size();
    }

    /**
     * Gives their retries back to the failed jobs of service tasks bound to one of these delegate expressions (e.g.
     * every anchoring step): the incident's activity is looked up in its deployed model, never matched by its id.
     */
    public int retryFailedJobsOf(Set<String> delegateExpressions, int retries) {
        Map<String, BpmnModelInstance> models = new HashMap<>();
        int n = 0;
        for (Incident incident : engine.getRuntimeService().createIncidentQuery()
                .incidentType(Incident.FAILED_JOB_HANDLER_TYPE).list()) {
            BpmnModelInstance model = models.computeIfAbsent(incident.getProcessDefinitionId(),
                    engine.getRepositoryService()::getBpmnModelInstance);
            if (incident.getActivityId() != null
                    && model.getModelElementById(incident.getActivityId()) instanceof ServiceTask task
                    && delegateExpressions.contains(task.getCamundaDelegateExpression())) {
                engine.getManagementService().setJobRetries(incident.getConfiguration(), retries);
                n++;
            }
        }
        return n;
    }

    public record IncidentView(String id, String processInstanceId, String activityId, String type, String message,
            Instant created) {}

    private static IncidentView view(Incident i) {
        return new IncidentView(i.getId(), i.getProcessInstanceId(), i.getActivityId(), i.getIncidentType(),
                i.getIncidentMessage(), i.getIncidentTimestamp().toInstant());
    }

    /**
     * The tasks with their candidate groups and project, looked up for all of them at once. A task completed by
     * someone else since the query has lost its candidate groups (they go with it) and is left out, instead of
     * failing the whole list as a per-task look-up would.
     */
    private List<OpenTask> open(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> groups = candidateGroups(tasks.stream().map(Task::getId).toList());
        Map<String, String> projectOf = new HashMap<>();
        engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceIds(tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet())).list()
                .forEach(instance -> projectOf.put(instance.getId(), instance.getBusinessKey()));
        return tasks.stream()
                .filter(task -> groups.containsKey(task.getId()) && projectOf.containsKey(task.getProcessInstanceId()))
                .map(task -> new OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(),
                        projectOf.get(task.getProcessInstanceId()), task.getProcessInstanceId(),
                        task.getProcessDefinitionId(), groups.get(task.getId()), task.getAssignee(),
                        task.getCreateTime().toInstant(), task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                        task.getPriority()))
                .toList();
    }

    /**
     * Candidate groups of the tasks, through TaskService's identity links (Camunda's public API): one small indexed
     * read per task of a page. A task completed since the query has lost its links and is left out.
     */
    private Map<String, List<String>> candidateGroups(List<String> taskIds) {
        Map<String, List<String>> groups = new HashMap<>();
        for (String taskId : taskIds) {
            try {
                List<String> of = new ArrayList<>();
                for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(taskId)) {
                    if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                        of.add(link.getGroupId());
                    }
                }
                of.sort(null);
                groups.put(taskId, of);
            } catch (ProcessEngineException completedMeanwhile) {
                // the task is gone: it is not open any more
            }
        }
        return groups;
    }
}
