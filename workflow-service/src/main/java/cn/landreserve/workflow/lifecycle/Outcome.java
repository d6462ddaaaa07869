package cn.landreserve.workflow.lifecycle;

/**
 * A decision a user task can end with. {@code checksDocuments}: the stage's required documents must be there;
 * {@code needsOpinion}: a written opinion (reasons) is mandatory.
 */
public record Outcome(String code, String zh, String en, boolean checksDocuments, boolean needsOpinion) {}
