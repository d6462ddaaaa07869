package cn.landreserve.workflow.document;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.Stage;
import cn.landreserve.workflow.task.CompletionCheck;
import cn.landreserve.workflow.task.DecisionBasis;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What a task's completion needs of the documents: the stage's required documents (the first completion rule) and
 * the documents the decision then relies on.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TaskDocuments implements CompletionCheck, DecisionBasis {

    private final DocumentRepository documents;
    private final LifecycleCatalogue catalogue;

    TaskDocuments(DocumentRepository documents, LifecycleCatalogue catalogue) {
        this.documents = documents;
        this.catalogue = catalogue;
    }

    @Override
    public void beforeCompletion(Completion completion) throws DomainException {
        if (!completion.outcome().checksDocuments()) {
            return;
        }
        Stage stage = catalogue.stage(completion.stage()).orElseThrow();
        List<String> missing = stage.missingDocuments(
                documents.typesOfStage(completion.projectId(), stage.code()), completion.formerIndustrial());
        if (!missing.isEmpty()) {
            throw new DomainException(Refusal.UNPROCESSABLE, "MISSING_DOCUMENTS",
                    "stage " + stage.code() + " still needs: " + String.join(", ", missing),
                    Map.of("taskId", completion.taskId(), "stage", stage.code(), "missing", missing));
        }
    }

    @Override
    public List<String> documentsReliedOn(String projectId, String taskId, Set<String> decidedTaskIds) {
        List<Document> all = documents.ofProject(projectId);
        Set<String> replaced = all.stream().map(Document::previousId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return all.stream()
                .filter(d -> !replaced.contains(d.id()))
                .filter(d -> taskId.equals(d.taskId()) || decidedTaskIds.contains(d.taskId()))
                .map(Document::id)
                .toList();
    }
}
