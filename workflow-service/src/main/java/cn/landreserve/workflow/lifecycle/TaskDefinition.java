package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.engine.ProcessVariables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user task: its BPMN element, its stage, who may do it and how it can end, and the document types it relies on
 * ({@code reads}): whoever must act on the task may read those documents whatever their classification (the finance
 * reviewer who confirms a payment reads its SENSITIVE payment proof). {@code process} names the process it belongs
 * to when that is not the lifecycle (e.g. {@code rectification}); null for the lifecycle's own tasks.
 */
public record TaskDefinition(
        String element, String stage, String group, String zh, String en, boolean reviewDeadline, List<Outcome> outcomes,
        List<String> reads, String process) {

    /** Whether the task is one of the lifecycle process's own. */
    public boolean ofLifecycle() {
        return process == null;
    }

    public TaskDefinition {
        outcomes = List.copyOf(outcomes);
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    /**
     * The process variables a completion with this outcome sets: the task's outcome, and for the review round
     * whether it has to go back to the applicant (any department returning it is enough; resubmitting clears it).
     */
    public Map<String, Object> completionVariables(Outcome outcome) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.outcomeOf(element), outcome.code());
        if (stage.equals("REVIEW") && outcome.code().equals("RETURN")) {
            variables.put(ProcessVariables.REVIEW_RETURNED, true);
        }
        if (stage.equals("INITIATION")) {
            variables.put(ProcessVariables.REVIEW_RETURNED, false);
        }
        return variables;
    }

    public Optional<Outcome> outcome(String code) {
        return outcomes.stream().filter(o -> o.code().equals(code)).findFirst();
    }
}
