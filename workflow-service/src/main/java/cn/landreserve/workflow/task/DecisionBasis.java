package cn.landreserve.workflow.task;

import java.util.List;
import java.util.Set;

/** Which documents a decision relies on: the document feature answers, the task feature records the answer. */
public interface DecisionBasis {

    /**
     * The current (not replaced) documents uploaded to this task or to a task already decided — not files another
     * officer has just attached to a parallel task that is still open.
     */
    List<String> documentsReliedOn(String projectId, String taskId, Set<String> decidedTaskIds);
}
