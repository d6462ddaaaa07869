package cn.landreserve.ledger.fabric;

import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.EvidenceKind;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code EvidenceAnchored} chaincode event: a record became part of the ledger.
 *
 * @param evidenceId the record's id
 * @param kind the record's kind
 * @param projectId its project
 * @param sequence its position in the project's evidence
 * @param txId the anchoring transaction
 * @param blockNumber the block holding it
 */
public record AnchoredEvent(String evidenceId, EvidenceKind kind, String projectId, long sequence, String txId,
        long blockNumber) {

    /** Parses the event payload the contract emits. */
    static AnchoredEvent parse(long blockNumber, String txId, byte[] payload) {
        JsonNode json = CanonicalJson.tree(payload);
        return new AnchoredEvent(json.path("evidenceId").asText(), EvidenceKind.valueOf(json.path("kind").asText()),
                json.path("projectId").asText(), json.path("sequence").asLong(), txId, blockNumber);
    }
}
