package cn.landreserve.chaincode;

/** What every anchored record has: an opaque id, its project, and its kind. */
public sealed interface EvidenceRecord permits DocumentRecord, DecisionRecord, BatchRecord, SealRecord, ProjectRecord {

    /** The opaque id the service generated, matching {@code [A-Za-z0-9:._-]{1,128}}. */
    String evidenceId();

    /** The project this evidence belongs to. */
    String projectId();

    /** The record's kind, which decides how it is validated and stored. */
    EvidenceKind kind();

    /**
     * Checks every field; throws {@link ErrorCode#INVALID_RECORD} naming the first bad field.
     */
    void validate();
}
