package cn.landreserve.ledger.receipt;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * A self-contained receipt for one piece of evidence, the same for the embedded engine and for
 * Fabric (docs/receipts.md). Binary values are base64, hashes lowercase hex, certificates PEM.
 *
 * @param format always {@value #FORMAT}
 * @param engine {@code embedded} or {@code fabric}
 * @param channel the channel
 * @param chaincode the chaincode (state namespace)
 * @param evidenceId the evidence
 * @param record the stored evidence JSON (kind, record, anchoredTxId, anchoredAt, sequence)
 * @param recordBytes base64 of the exact state value
 * @param transaction the transaction that wrote it
 * @param block the block holding the transaction
 * @param endorsements the transaction's endorsements (also inside the envelope)
 * @param caCertificates the organisations' CA certificates
 * @param inclusionProof for an item of a batch: its proof; otherwise {@code null}
 */
@JsonPropertyOrder({"format", "engine", "channel", "chaincode", "evidenceId", "record", "recordBytes", "transaction",
    "block", "endorsements", "caCertificates", "inclusionProof"})
public record Receipt(String format, String engine, String channel, String chaincode, String evidenceId,
        JsonNode record, String recordBytes, Transaction transaction, BlockPart block, List<Endorsement> endorsements,
        List<String> caCertificates, Proof inclusionProof) {

    /** The format identifier of this version. */
    public static final String FORMAT = "landreserve-receipt/1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * The transaction.
     *
     * @param id transaction id
     * @param blockNumber block holding it
     * @param index its position in the block
     * @param validationCode the committing peer's verdict, {@code VALID} for evidence
     * @param envelope base64 of the signed envelope
     */
    @JsonPropertyOrder({"id", "blockNumber", "index", "validationCode", "envelope"})
    public record Transaction(String id, long blockNumber, int index, String validationCode, String envelope) {
    }

    /**
     * The block.
     *
     * @param number block number
     * @param previousHash hex header hash of the previous block
     * @param dataHash hex SHA-256 over the concatenated envelopes
     * @param headerHash hex SHA-256 of the DER header
     * @param envelopes base64 of every envelope in the block, in order
     * @param signatureMetadataValue base64 of the SIGNATURES metadata value the signers signed
     * @param signatures the block's signatures
     */
    @JsonPropertyOrder({"number", "previousHash", "dataHash", "headerHash", "envelopes", "signatureMetadataValue",
        "signatures"})
    public record BlockPart(long number, String previousHash, String dataHash, String headerHash, List<String> envelopes,
            String signatureMetadataValue, List<BlockSignature> signatures) {
    }

    /**
     * One orderer signature over the block header.
     *
     * @param signatureHeader base64 SignatureHeader (creator and nonce)
     * @param signature base64 DER ECDSA signature
     * @param certificate the signer's PEM certificate (also inside the signature header)
     */
    @JsonPropertyOrder({"signatureHeader", "signature", "certificate"})
    public record BlockSignature(String signatureHeader, String signature, String certificate) {
    }

    /**
     * One endorsement.
     *
     * @param mspId endorser's organisation
     * @param certificate endorser's PEM certificate
     * @param signature base64 DER ECDSA signature over proposal response payload ‖ endorser
     */
    @JsonPropertyOrder({"mspId", "certificate", "signature"})
    public record Endorsement(String mspId, String certificate, String signature) {
    }

    /**
     * An RFC 6962 inclusion proof of one item in a batch.
     *
     * @param leaf the item's SHA-256, hex (the leaf input)
     * @param leafIndex its position
     * @param treeSize number of items
     * @param leafHash hex SHA-256(0x00 ‖ leaf)
     * @param auditPath hex sibling hashes, leaf level first
     * @param root hex root (equals the batch record's merkleRoot)
     */
    @JsonPropertyOrder({"leaf", "leafIndex", "treeSize", "leafHash", "auditPath", "root"})
    public record Proof(String leaf, long leafIndex, long treeSize, String leafHash, List<String> auditPath, String root) {
    }

    /** The receipt as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses receipt JSON strictly (unknown fields and wrong types are errors). */
    public static Receipt parse(String json) throws ReceiptFormatException {
        try {
            return JSON.readValue(json, Receipt.class);
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            throw new ReceiptFormatException("not a receipt: " + message, e);
        }
    }

    /** The mapper receipts are read and written with. */
    static ObjectMapper json() {
        return JSON;
    }
}
