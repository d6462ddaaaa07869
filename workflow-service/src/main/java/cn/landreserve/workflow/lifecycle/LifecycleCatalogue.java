package cn.landreserve.workflow.lifecycle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The lifecycle's stages and tasks, loaded once from {@code lifecycle/catalogue.yml} and checked for consistency. */
public final class LifecycleCatalogue {

    public static final String RESOURCE = "lifecycle/catalogue.yml";

    private final List<Stage> stages;
    private final List<TaskDefinition> tasks;

    record Document(List<Stage> stages, List<TaskDefinition> tasks) {}

    LifecycleCatalogue(List<Stage> stages, List<TaskDefinition> tasks) {
        this.stages = List.copyOf(stages);
        this.tasks = List.copyOf(tasks);
        check();
    }

    public static LifecycleCatalogue load() {
        try (InputStream in = LifecycleCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            Document document = new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, Document.class);
            return new LifecycleCatalogue(document.stages(), document.tasks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<Stage> stages() {
        return stages;
    }

    public List<TaskDefinition> tasks() {
        return tasks;
    }

    public Optional<Stage> stage(String code) {
        return stages.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public Optional<TaskDefinition> task(String element) {
        return tasks.stream().filter(t -> t.element().equals(element)).findFirst();
    }

    public TaskDefinition requireTask(String element) {
        return task(element).orElseThrow(() -> new IllegalStateException("no task " + element + " in " + RESOURCE));
    }

    /** Whether a task of this candidate group relies on documents of this type (its {@code reads}). */
    public boolean reliesOn(String candidateGroup, String documentType) {
        return tasks.stream().anyMatch(t -> t.group().equals(candidateGroup) && t.reads().contains(documentType));
    }

    /** The stage a document type belongs to. */
    public Optional<Stage> stageOfDocumentType(String type) {
        return stages.stream().filter(s -> s.documentType(type).isPresent()).findFirst();
    }

    private void check() {
        Set<String> types = new HashSet<>();
        for (Stage stage : stages) {
            for (DocumentType d : stage.documents()) {
                if (!types.add(d.type())) {
                    throw new IllegalStateException("document type " + d.type() + " appears twice in " + RESOURCE);
                }
                if ((d.rule() == DocumentRule.ONE_OF) != (d.group() != null)) {
                    throw new IllegalStateException("document type " + d.type() + ": a group goes with rule ONE_OF only");
                }
            }
        }
        for (TaskDefinition task : tasks) {
            if (stage(task.stage()).isEmpty()) {
                throw new IllegalStateException("task " + task.element() + " names unknown stage " + task.stage());
            }
            if (task.outcomes().isEmpty()) {
                throw new IllegalStateException("task " + task.element() + " has no outcomes");
            }
            for (String read : task.reads()) {
                if (!types.contains(read)) {
                    throw new IllegalStateException("task " + task.element() + " reads unknown document type " + read);
                }
            }
        }
    }
}
