package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

/** {@link Check#FORMAT}: the receipt's format and engine, and every field the other checks need. */
final class FormatCheck {
    private FormatCheck() {
    }

    static void verify(Receipt r) throws CheckFailure {
        require(Check.FORMAT, Receipt.FORMAT.equals(r.format()), "format is not " + Receipt.FORMAT);
        require(Check.FORMAT, "embedded".equals(r.engine()) || "fabric".equals(r.engine()),
                "engine must be embedded or fabric");
        require(Check.FORMAT, r.channel() != null && r.chaincode() != null && r.evidenceId() != null
                && r.record() != null && r.recordBytes() != null && r.transaction() != null && r.block() != null
                && r.endorsements() != null && r.caCertificates() != null, "a required field is missing");
        require(Check.FORMAT, r.transaction().envelope() != null && r.block().envelopes() != null
                && r.block().signatures() != null && r.block().signatureMetadataValue() != null
                && r.block().previousHash() != null && r.block().dataHash() != null && r.block().headerHash() != null
                && r.transaction().id() != null && r.transaction().validationCode() != null,
                "a required transaction or block field is missing");
    }
}
