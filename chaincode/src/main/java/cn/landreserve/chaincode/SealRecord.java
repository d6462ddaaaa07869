package cn.landreserve.chaincode;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The project's seal: an RFC 6962 root over the SHA-256 of every anchored record of the project
 * (canonical record JSON), in ledger order. See {@link ProjectSeal}.
 *
 * @param evidenceId always {@code "seal:" + projectId}
 * @param projectId the reserve project
 * @param root the Merkle root, 64 lowercase hex
 * @param evidenceCount how many records the seal covers
 * @param sealedAt ISO-8601 UTC instant
 */
public record SealRecord(
        String evidenceId,
        String projectId,
        String root,
        Long evidenceCount,
        String sealedAt) implements EvidenceRecord {

    /** Prefix of a seal's evidence id. */
    public static final String ID_PREFIX = "seal:";

    /** The evidence id of a project's seal. */
    public static String idFor(String projectId) {
        return ID_PREFIX + projectId;
    }

    @Override
    @JsonIgnore
    public EvidenceKind kind() {
        return EvidenceKind.SEAL;
    }

    @Override
    public void validate() {
        Fields.id("evidenceId", evidenceId);
        Fields.projectId(projectId);
        if (!evidenceId.equals(idFor(projectId))) {
            throw ErrorCode.INVALID_RECORD.exception("evidenceId of a seal must be " + idFor(projectId));
        }
        Fields.hex256("root", root);
        Fields.range("evidenceCount", evidenceCount, 0, Long.MAX_VALUE);
        Fields.instant("sealedAt", sealedAt);
    }
}
