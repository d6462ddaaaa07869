package cn.landreserve.workflow.task;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;

import cn.landreserve.workflow.engine.WorkflowEngine.TaskOrder;
import cn.landreserve.workflow.kernel.DomainException;
import java.util.Locale;
import java.util.Map;

/**
 * What an officer asked of a task list: filters (stage, project, overdue), order and page. Built from request
 * parameters and checked here, so that the engine only ever sees valid values.
 */
public record TaskListQuery(String stage, String projectId, boolean overdue, TaskOrder order, boolean descending,
        int offset, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Parses the request's parameters: {@code sort} is due, created or priority; {@code order} asc or desc. */
    public static TaskListQuery of(String stage, String projectId, boolean overdue, String sort, String order, int offset,
            int limit) throws DomainException {
        TaskOrder by = switch (sort == null ? "due" : sort.toLowerCase(Locale.ROOT)) {
            case "due" -> TaskOrder.DUE;
            case "created" -> TaskOrder.CREATED;
            case "priority" -> TaskOrder.PRIORITY;
            default -> throw new DomainException(INVALID, "INVALID_FILTER",
                    "sort must be due, created or priority", Map.of("sort", sort));
        };
        boolean descending = switch (order == null ? (by == TaskOrder.PRIORITY ? "desc" : "asc") : order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new DomainException(INVALID, "INVALID_FILTER", "order must be asc or desc",
                    Map.of("order", order));
        };
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new DomainException(INVALID, "INVALID_FILTER",
                    "limit must be 1.." + MAX_LIMIT + " and offset at least 0", Map.of("limit", limit, "offset", offset));
        }
        return new TaskListQuery(blankToNull(stage), blankToNull(projectId), overdue, by, descending, offset, limit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
