package cn.landreserve.workflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

class LifecycleProcessTest {

    private final LifecycleCatalogue catalogue = LifecycleCatalogue.load();
    private final BpmnModelInstance model = new LifecycleProcess(catalogue, "R3/PT1S").build();

    @Test
    void the_model_is_valid_bpmn_and_is_written_for_viewing() throws Exception {
        Bpmn.validateModel(model);
        Path out = Path.of("target", LifecycleProcess.RESOURCE_NAME);
        Files.createDirectories(out.getParent());
        Bpmn.writeModelToFile(out.toFile(), model);
        assertThat(Files.readString(out)).contains("id=\"Task_ApproveInitiation\"");
    }

    @Test
    void every_catalogue_task_is_a_user_task_offered_to_the_catalogue_group() {
        List<UserTask> userTasks = List.copyOf(model.getModelElementsByType(UserTask.class));
        assertThat(userTasks).extracting(UserTask::getId)
                .containsExactlyInAnyOrderElementsOf(catalogue.tasks().stream().filter(TaskDefinition::ofLifecycle)
                        .map(TaskDefinition::element).toList());
        for (UserTask task : userTasks) {
            assertThat(task.getCamundaCandidateGroups()).isEqualTo(catalogue.requireTask(task.getId()).group());
        }
    }

    @Test
    void every_user_task_is_followed_by_an_asynchronous_retried_anchoring_task() {
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            var next = task.getOutgoing().iterator().next().getTarget();
            assertThat(next).isInstanceOf(ServiceTask.class);
            ServiceTask anchor = (ServiceTask) next;
            assertThat(anchor.getId()).isEqualTo("Task_Anchor" + task.getId().substring("Task_".length()));
            assertThat(anchor.isCamundaAsyncBefore()).isTrue();
            assertThat(anchor.getCamundaDelegateExpression()).isEqualTo(LifecycleProcess.ANCHOR_DELEGATE);
        }
    }
}
