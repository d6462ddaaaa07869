package cn.landreserve.ledger.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an integral project file holds, as the lifecycle catalogue said when the package was built
 * ({@link PackageLayout#REQUIREMENTS}): each stage's document types with their rule, and the user tasks, each of which
 * must have left at least one decision.
 *
 * @param stages the stages, in lifecycle order
 * @param tasks the user tasks
 */
public record Requirements(List<StageRule> stages, List<TaskRule> tasks) {

    /** The rules a document type can have. */
    public enum Rule {
        REQUIRED, OPTIONAL, ONE_OF, REQUIRED_IF_FORMER_INDUSTRIAL,
        /** Written by the service itself (an overlap report, an inspection record): never missing from a stage. */
        GENERATED
    }

    /**
     * A stage and its document types.
     *
     * @param code the stage code
     * @param zh the Chinese name
     * @param documents its document types
     */
    public record StageRule(String code, String zh, List<DocumentRule> documents) {
    }

    /**
     * A document type's rule.
     *
     * @param type the document type code
     * @param zh the Chinese name
     * @param rule the rule
     * @param group for {@link Rule#ONE_OF}: the group of which one is enough
     */
    public record DocumentRule(String type, String zh, Rule rule,
            @JsonInclude(JsonInclude.Include.NON_NULL) String group) {
    }

    /**
     * A user task.
     *
     * @param element the BPMN element id
     * @param stage its stage
     * @param zh the Chinese name
     */
    public record TaskRule(String element, String stage, String zh) {
    }

    public Requirements {
        stages = List.copyOf(stages);
        tasks = List.copyOf(tasks);
    }

    /**
     * What a stage lacks, given the document types present: each entry is a type, or for a one-of group its types
     * joined by {@code |}.
     */
    public static List<String> missing(StageRule stage, Set<String> present, boolean formerIndustrial) {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (DocumentRule d : stage.documents()) {
            switch (d.rule()) {
                case ONE_OF -> groups.computeIfAbsent(d.group(), g -> new ArrayList<>()).add(d.type());
                case REQUIRED -> {
                    if (!present.contains(d.type())) {
                        missing.add(d.type());
                    }
                }
                case REQUIRED_IF_FORMER_INDUSTRIAL -> {
                    if (formerIndustrial && !present.contains(d.type())) {
                        missing.add(d.type());
                    }
                }
                case OPTIONAL, GENERATED -> {
                    // never missing
                }
            }
        }
        groups.values().stream().filter(types -> types.stream().noneMatch(present::contains))
                .forEach(types -> missing.add(String.join("|", types)));
        return missing;
    }
}
