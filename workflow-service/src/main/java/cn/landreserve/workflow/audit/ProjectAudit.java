package cn.landreserve.workflow.audit;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The audit of a whole project: one verdict per piece of evidence. */
public record ProjectAudit(String projectId, String projectCode, Instant checkedAt, List<AuditItem> items) {

    public Map<AuditStatus, Integer> summary() {
        Map<AuditStatus, Integer> counts = new EnumMap<>(AuditStatus.class);
        items.forEach(i -> counts.merge(i.status(), 1, Integer::sum));
        return counts;
    }

    public boolean allOk() {
        return items.stream().allMatch(i -> i.status() == AuditStatus.OK);
    }
}
