package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link Check#FILE}: the auditor's file is the document the record names, or the batch item the proof proves. */
final class FileCheck {
    private FileCheck() {
    }

    /** What the verdict says about the file: empty without one. */
    static String verify(Receipt r, ReceiptVerifier.FileDigests file) throws CheckFailure {
        if (file == null) {
            return "";
        }
        String kind = r.record().path("kind").asText();
        JsonNode record = r.record().path("record");
        Receipt.Proof proof = r.inclusionProof();
        if ("DOCUMENT".equals(kind)) {
            require(Check.FILE, record.path("sha256").asText().equals(file.sha256()),
                    "file SHA-256 " + file.sha256() + " is not the record's " + record.path("sha256").asText());
            require(Check.FILE, record.path("sm3").asText().equals(file.sm3()),
                    "file SM3 " + file.sm3() + " is not the record's " + record.path("sm3").asText());
            return "; the file matches its SHA-256 and SM3";
        }
        if (proof != null) {
            require(Check.FILE, proof.leaf().equals(file.sha256()),
                    "file SHA-256 " + file.sha256() + " is not batch item " + proof.leafIndex() + " " + proof.leaf());
            return "; the file is item " + proof.leafIndex() + " of the batch";
        }
        throw new CheckFailure(Check.FILE, "a " + kind + " record names no file");
    }
}
