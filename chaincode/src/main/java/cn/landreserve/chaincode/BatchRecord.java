package cn.landreserve.chaincode;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Bulk evidence: one RFC 6962 Merkle root over many SHA-256 digests. The contract recomputes the
 * root from the digests sent with the transaction; each item's inclusion proof is computed off-chain.
 *
 * @param evidenceId opaque id of the batch
 * @param projectId the reserve project
 * @param merkleRoot RFC 6962 root, 64 lowercase hex
 * @param leafCount number of digests, 1 to {@value #MAX_LEAVES}
 * @param algorithm always {@value #ALGORITHM}
 * @param anchoredBy who or what anchored it
 */
public record BatchRecord(
        String evidenceId,
        String projectId,
        String merkleRoot,
        Long leafCount,
        String algorithm,
        String anchoredBy) implements EvidenceRecord {

    /** The only tree algorithm: RFC 6962 hashing over SHA-256 with 0x00 leaf and 0x01 node prefixes. */
    public static final String ALGORITHM = "RFC6962-SHA256";
    /** Most digests in one batch. */
    public static final int MAX_LEAVES = 100_000;
    /** Digests in one world-state page of a batch's leaves ({@link StateKeys#BATCH_LEAVES}). */
    public static final int LEAVES_PER_PAGE = 1_000;

    @Override
    @JsonIgnore
    public EvidenceKind kind() {
        return EvidenceKind.BATCH;
    }

    @Override
    public void validate() {
        Fields.id("evidenceId", evidenceId);
        Fields.projectId(projectId);
        Fields.hex256("merkleRoot", merkleRoot);
        Fields.range("leafCount", leafCount, 1, MAX_LEAVES);
        if (!ALGORITHM.equals(algorithm)) {
            throw ErrorCode.INVALID_RECORD.exception("algorithm must be " + ALGORITHM);
        }
        Fields.text("anchoredBy", anchoredBy);
    }
}
