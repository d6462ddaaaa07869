package cn.landreserve.workflow.audit;

/** One checked piece of evidence: its id, kind, verdict and, when not OK, what differs exactly. */
public record AuditItem(String evidenceId, String kind, AuditStatus status, String detail) {}
