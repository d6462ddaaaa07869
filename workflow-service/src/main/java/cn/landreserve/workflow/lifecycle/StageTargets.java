package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.infra.ReserveProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How long a project should stay in each stage: the catalogue's targets, with the review stage's taken from the
 * configured review deadline (the same duration as the review tasks' due date and escalation timer), and how long a
 * rectification ordered at completion acceptance may take.
 */
@Component
public class StageTargets {

    private final LifecycleCatalogue catalogue;
    private final Map<String, Duration> targets = new LinkedHashMap<>();
    private final Duration rectification;

    StageTargets(LifecycleCatalogue catalogue, ReserveProperties settings) {
        this.catalogue = catalogue;
        this.rectification = settings.workflow().rectificationDeadline();
        Duration reviewDeadline = settings.workflow().reviewDeadline();
        for (Stage stage : catalogue.stages()) {
            Optional<Duration> target = stage.code().equals("REVIEW") ? Optional.of(reviewDeadline) : stage.targetDuration();
            target.ifPresent(t -> targets.put(stage.code(), t));
        }
    }

    /** The stages in lifecycle order. */
    public List<String> stages() {
        return catalogue.stages().stream().map(Stage::code).toList();
    }

    public Optional<Duration> of(String stage) {
        return Optional.ofNullable(targets.get(stage));
    }

    /** Stage → target, for the stages that have one, in lifecycle order. */
    public Map<String, Duration> all() {
        return Map.copyOf(targets);
    }

    public Duration rectification() {
        return rectification;
    }

    /** The stages after entry into the reserve: land whose entry was confirmed (入库) is in them. */
    public List<String> inReserveStages() {
        List<String> codes = stages();
        return codes.subList(codes.indexOf("RESERVE_ENTRY") + 1, codes.size());
    }

    /** The stages before entry into the reserve. */
    public List<String> pipelineStages() {
        List<String> codes = stages();
        return codes.subList(0, codes.indexOf("RESERVE_ENTRY") + 1);
    }
}
