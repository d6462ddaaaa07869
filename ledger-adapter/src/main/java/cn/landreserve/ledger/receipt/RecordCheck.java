package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import cn.landreserve.chaincode.CanonicalJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/** {@link Check#RECORD}: recordBytes is canonical JSON, equals the record shown, names this evidence and transaction. */
final class RecordCheck {
    private RecordCheck() {
    }

    /** The record's exact bytes, for the write set. */
    static byte[] verify(Receipt r) throws CheckFailure {
        byte[] recordBytes = Decoding.base64(Check.RECORD, r.recordBytes(), "recordBytes");
        byte[] canonical;
        try {
            canonical = CanonicalJson.canonicalize(recordBytes);
        } catch (RuntimeException e) {
            throw new CheckFailure(Check.RECORD, "recordBytes is not JSON");
        }
        require(Check.RECORD, Arrays.equals(canonical, recordBytes), "recordBytes is not canonical JSON");
        require(Check.RECORD, Arrays.equals(CanonicalJson.bytes(r.record()), recordBytes),
                "record does not match recordBytes");
        JsonNode stored = r.record();
        require(Check.RECORD, r.evidenceId().equals(stored.path("record").path("evidenceId").asText(null)),
                "evidenceId " + r.evidenceId() + " is not the record's id");
        require(Check.RECORD, r.transaction().id().equals(stored.path("anchoredTxId").asText(null)),
                "the record was anchored by transaction " + stored.path("anchoredTxId").asText()
                        + ", not " + r.transaction().id());
        return recordBytes;
    }
}
