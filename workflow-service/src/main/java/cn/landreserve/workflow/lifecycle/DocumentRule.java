package cn.landreserve.workflow.lifecycle;

/** When a stage needs a document type before its work can be completed. */
public enum DocumentRule {
    REQUIRED,
    /** At least one document of any type in the same group. */
    ONE_OF,
    REQUIRED_IF_FORMER_INDUSTRIAL,
    OPTIONAL,
    /** Written by the service itself (an overlap report, an inspection): never uploaded, never required. */
    GENERATED
}
