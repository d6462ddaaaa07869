package cn.landreserve.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;

/**
 * The state value under an evidence key: the record plus what the ledger adds. Its canonical
 * bytes are exactly what the contract writes and what a receipt proves.
 *
 * @param kind the record's kind
 * @param record the record as sent
 * @param anchoredTxId the transaction that anchored it
 * @param anchoredAt the transaction's timestamp, ISO-8601 UTC
 * @param sequence in records anchored before group commit, the record's position among the project's evidence
 *     (from 1, read from a per-project counter); {@code null} (and absent from the JSON) in records anchored since,
 *     whose value holds nothing that depends on a peer's height
 * @param position for a record anchored by a transaction of several ({@code anchorGroup}), its place among the
 *     records that transaction anchored, from 0; {@code null} (absent from the JSON) otherwise, which orders as 0
 */
public record StoredEvidence(
        EvidenceKind kind, EvidenceRecord record, String anchoredTxId, String anchoredAt, Long sequence,
        Integer position) {

    /** A record as anchored by a transaction of its own (or before group commit, with its sequence). */
    public StoredEvidence(EvidenceKind kind, EvidenceRecord record, String anchoredTxId, String anchoredAt,
            Long sequence) {
        this(kind, record, anchoredTxId, anchoredAt, sequence, null);
    }

    /**
     * The order in which a project's evidence is listed and sealed: records with a {@code sequence} (anchored
     * before group commit) first, by it; then by transaction timestamp, transaction id and position in the
     * transaction.
     */
    public static final Comparator<StoredEvidence> LEDGER_ORDER = Comparator
            .comparing((StoredEvidence e) -> e.sequence() == null)
            .thenComparing(e -> e.sequence() == null ? 0L : e.sequence())
            .thenComparing(e -> Instant.parse(e.anchoredAt()))
            .thenComparing(StoredEvidence::anchoredTxId)
            .thenComparing(e -> e.position() == null ? 0 : e.position());

    /** The canonical bytes stored in the world state. */
    public byte[] toBytes() {
        ObjectNode node = CanonicalJson.mapper().createObjectNode();
        node.put("kind", kind.name());
        node.set("record", CanonicalJson.mapper().valueToTree(record));
        node.put("anchoredTxId", anchoredTxId);
        node.put("anchoredAt", anchoredAt);
        if (sequence != null) {
            node.put("sequence", sequence);
        }
        if (position != null) {
            node.put("position", position);
        }
        return CanonicalJson.bytes(node);
    }

    /** The canonical bytes of the record alone (what the seal's leaves hash). */
    public byte[] recordBytes() {
        return CanonicalJson.bytes(record);
    }

    /** Parses a stored state value. */
    public static StoredEvidence parse(byte[] stateValue) {
        JsonNode node = CanonicalJson.tree(stateValue);
        EvidenceKind kind;
        try {
            kind = EvidenceKind.valueOf(node.path("kind").asText());
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_RECORD.exception("stored evidence has no valid kind");
        }
        EvidenceRecord record = CanonicalJson.read(node.get("record"), recordType(kind));
        return new StoredEvidence(kind, record, node.path("anchoredTxId").asText(),
                node.path("anchoredAt").asText(),
                node.hasNonNull("sequence") ? Long.valueOf(node.get("sequence").asLong()) : null,
                node.hasNonNull("position") ? Integer.valueOf(node.get("position").asInt()) : null);
    }

    /** The record class of a kind. */
    public static Class<? extends EvidenceRecord> recordType(EvidenceKind kind) {
        return switch (kind) {
            case DOCUMENT -> DocumentRecord.class;
            case DECISION -> DecisionRecord.class;
            case BATCH -> BatchRecord.class;
            case SEAL -> SealRecord.class;
            case PROJECT -> ProjectRecord.class;
        };
    }
}
