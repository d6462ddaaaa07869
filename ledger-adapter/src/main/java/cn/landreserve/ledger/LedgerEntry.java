package cn.landreserve.ledger;

import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.chaincode.StoredEvidence;
import java.nio.charset.StandardCharsets;

/**
 * Anchored evidence as read back from the ledger.
 *
 * @param evidence the stored evidence (kind, record, transaction, time, sequence)
 * @param stateJson the exact state value (canonical JSON) the ledger holds
 * @param leafIndex for a digest found inside a batch, the item's leaf index; otherwise {@code null}
 */
public record LedgerEntry(StoredEvidence evidence, String stateJson, Long leafIndex) {

    /** Parses a state value. */
    public static LedgerEntry of(String stateJson, Long leafIndex) {
        return new LedgerEntry(StoredEvidence.parse(stateJson.getBytes(StandardCharsets.UTF_8)), stateJson, leafIndex);
    }

    /** The record's id. */
    public String evidenceId() {
        return evidence.record().evidenceId();
    }

    /** The record's kind. */
    public EvidenceKind kind() {
        return evidence.kind();
    }

    /** The record itself. */
    public EvidenceRecord record() {
        return evidence.record();
    }

    /** The transaction that anchored it. */
    public String txId() {
        return evidence.anchoredTxId();
    }
}
