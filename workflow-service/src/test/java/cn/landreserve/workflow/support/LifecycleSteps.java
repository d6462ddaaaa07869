package cn.landreserve.workflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.Stage;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.task.TaskWork;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ManagementService;

/** Drives a project through lifecycle tasks as the officers would: the stage's missing files, completion, anchoring. */
public record LifecycleSteps(LifecycleCatalogue catalogue, ProjectRepository projects, DocumentRepository documentRepository,
        DocumentService documents, TaskWork tasks, WorkflowEngine engine, ManagementService management) {

    /** Uploads what the outcome needs, completes the task, runs the anchoring jobs (none may fail). */
    public void step(Project p, String element, Actor actor, String outcome, String opinion) throws Exception {
        var task = engine.tasksOfProject(p.processInstanceId()).stream()
                .filter(t -> t.elementId().equals(element)).findFirst()
                .orElseThrow(() -> new AssertionError(element + " is not open"));
        TaskDefinition definition = catalogue.requireTask(element);
        if (definition.outcome(outcome).orElseThrow().checksDocuments()) {
            Stage stage = catalogue.stage(definition.stage()).orElseThrow();
            Project current = projects.find(p.id().value()).orElseThrow();
            var present = documentRepository.typesOfStage(current.id().value(), stage.code());
            for (String missing : stage.missingDocuments(present, current.formerIndustrial())) {
                String type = missing.split("\\|")[0];
                byte[] bytes = ("%PDF-1.4\n" + type + " of " + p.code() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                documents.upload(task.id(), actor, new Upload(type, "PUBLIC", null, type + ".pdf", bytes.length),
                        new ByteArrayInputStream(bytes));
            }
        }
        tasks.complete(task.id(), actor, outcome, opinion);
        new Jobs(management).runAll();
        assertThat(new Jobs(management).failed()).isEmpty();
    }
}
