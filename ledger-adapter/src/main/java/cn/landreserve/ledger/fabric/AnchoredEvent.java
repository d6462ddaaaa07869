package cn.landreserve.ledger.fabric;

import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.EvidenceKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A record became part of the ledger: one per record of an {@code EvidenceAnchored} chaincode event (a transaction
 * that anchored several records has one event listing them all).
 *
 * @param evidenceId the record's id
 * @param kind the record's kind
 * @param projectId its project
 * @param txId the anchoring transaction
 * @param blockNumber the block holding it
 */
public record AnchoredEvent(String evidenceId, EvidenceKind kind, String projectId, String txId, long blockNumber) {

    /** Parses the event payload the contract emits: one record, or {@code {"items":[...]}} for several. */
    static List<AnchoredEvent> parse(long blockNumber, String txId, byte[] payload) {
        JsonNode json = CanonicalJson.tree(payload);
        List<AnchoredEvent> out = new ArrayList<>();
        for (JsonNode item : json.has("items") ? json.get("items") : List.of(json)) {
            out.add(new AnchoredEvent(item.path("evidenceId").asText(), EvidenceKind.valueOf(item.path("kind").asText()),
                    item.path("projectId").asText(), txId, blockNumber));
        }
        return out;
    }
}
