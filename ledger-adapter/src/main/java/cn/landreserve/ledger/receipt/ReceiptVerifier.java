package cn.landreserve.ledger.receipt;

import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.StateKeys;
import cn.landreserve.ledger.merkle.InclusionProof;
import cn.landreserve.ledger.merkle.InclusionProofVerifier;
import cn.landreserve.ledger.merkle.ProofVerificationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * Checks a receipt offline, needing nothing but the receipt (optionally the file's digests and a
 * pinned CA): record ↔ state bytes ↔ write set, creator and endorsement signatures, the envelope's
 * place in the block, data hash, header hash, block signatures, certificate chains, and a batch
 * item's inclusion proof. Every field of the receipt is bound by one of these checks.
 */
public final class ReceiptVerifier {
    private static final Base64.Decoder B64 = Base64.getDecoder();
    private static final HexFormat HEX = HexFormat.of();

    private final List<X509Certificate> pinnedCas;
    private final Verdict.Trust trust;

    private ReceiptVerifier(List<X509Certificate> pinnedCas, Verdict.Trust trust) {
        this.pinnedCas = List.copyOf(pinnedCas);
        this.trust = trust;
    }

    /**
     * A verifier that accepts the CA certificates the receipt carries, because the auditor said so
     * ({@code --trust-receipt-ca}); its verdicts say that this is what they were checked against.
     */
    public static ReceiptVerifier trustingReceiptCas() {
        return new ReceiptVerifier(List.of(), Verdict.Trust.RECEIPT_CA);
    }

    /**
     * A verifier with no trust root: it runs every check against the receipt's own CA certificates and answers
     * {@link Verdict.Trust#UNPINNED} when they all pass — consistent, but vouched for by nobody.
     */
    public static ReceiptVerifier unpinned() {
        return new ReceiptVerifier(List.of(), Verdict.Trust.UNPINNED);
    }

    /** A verifier trusting only the given CA certificates (obtained out of band, e.g. a trust bundle). */
    public static ReceiptVerifier pinning(List<X509Certificate> trustedCas) {
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("pin at least one CA");
        }
        return new ReceiptVerifier(trustedCas, Verdict.Trust.PINNED);
    }

    /**
     * The digests of a file the auditor holds.
     *
     * @param sha256 hex SHA-256
     * @param sm3 hex SM3
     */
    public record FileDigests(String sha256, String sm3) {
    }

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Check check;

        Failure(Check check, String reason) {
            super(reason, null, false, false);
            this.check = check;
        }
    }

    /** Verifies receipt JSON; a malformed receipt fails the {@link Check#FORMAT} check. */
    public Verdict verify(String receiptJson, FileDigests file) {
        try {
            return verify(Receipt.parse(receiptJson), file);
        } catch (ReceiptFormatException e) {
            return Verdict.fail(Check.FORMAT, e.getMessage(), trust);
        }
    }

    /** Verifies a receipt, and the file's digests against its record when given. */
    public Verdict verify(Receipt receipt, FileDigests file) {
        try {
            return Verdict.pass(run(receipt, file), trust);
        } catch (Failure f) {
            return Verdict.fail(f.check, f.getMessage(), trust);
        } catch (RuntimeException e) {
            return Verdict.fail(Check.FORMAT, "unreadable receipt: " + e, trust);
        }
    }

    private String run(Receipt r, FileDigests file) throws Failure {
        // format
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

        // record
        byte[] recordBytes = base64(Check.RECORD, r.recordBytes(), "recordBytes");
        byte[] canonical;
        try {
            canonical = CanonicalJson.canonicalize(recordBytes);
        } catch (RuntimeException e) {
            throw new Failure(Check.RECORD, "recordBytes is not JSON");
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

        // envelope
        byte[] envelopeBytes = base64(Check.ENVELOPE, r.transaction().envelope(), "envelope");
        Envelope envelope;
        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            envelope = Envelope.parseFrom(envelopeBytes);
            payload = Payload.parseFrom(envelope.getPayload());
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new Failure(Check.ENVELOPE, "not a Fabric envelope (" + e.getMessage() + ")");
        }
        require(Check.ENVELOPE, channelHeader.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE,
                "not an endorser transaction");
        require(Check.ENVELOPE, channelHeader.getChannelId().equals(r.channel()),
                "channel is " + channelHeader.getChannelId() + ", receipt says " + r.channel());
        require(Check.ENVELOPE, channelHeader.getTxId().equals(r.transaction().id()),
                "transaction id is " + channelHeader.getTxId() + ", receipt says " + r.transaction().id());
        String derivedTxId = FabricBlocks.txId(signatureHeader.getNonce().toByteArray(),
                signatureHeader.getCreator().toByteArray());
        require(Check.ENVELOPE, derivedTxId.equals(channelHeader.getTxId()),
                "transaction id is not SHA-256(nonce || creator)");
        try {
            String chaincode = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension()).getChaincodeId().getName();
            require(Check.ENVELOPE, chaincode.equals(r.chaincode()),
                    "chaincode is " + chaincode + ", receipt says " + r.chaincode());
        } catch (InvalidProtocolBufferException e) {
            throw new Failure(Check.ENVELOPE, "chaincode header extension is unreadable");
        }
        Instant txTime = Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(),
                channelHeader.getTimestamp().getNanos());
        Map<String, X509Certificate> signers = new LinkedHashMap<>();

        // creator signature
        X509Certificate creator = identityCertificate(Check.CREATOR_SIGNATURE, signatureHeader.getCreator(), "creator");
        require(Check.CREATOR_SIGNATURE, Certificates.verifies(creator, envelope.getPayload().toByteArray(),
                envelope.getSignature().toByteArray()), "the creator's signature over the envelope does not verify");
        signers.put("creator", creator);

        // write set
        ChaincodeActionPayload actionPayload;
        ChaincodeAction action;
        try {
            Transaction transaction = Transaction.parseFrom(payload.getData());
            require(Check.WRITE_SET, transaction.getActionsCount() == 1, "expected one transaction action");
            actionPayload = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            action = ChaincodeAction.parseFrom(ProposalResponsePayload
                    .parseFrom(actionPayload.getAction().getProposalResponsePayload()).getExtension());
        } catch (InvalidProtocolBufferException e) {
            throw new Failure(Check.WRITE_SET, "transaction payload is unreadable");
        }
        require(Check.WRITE_SET, action.getResponse().getStatus() == 200,
                "chaincode response status is " + action.getResponse().getStatus());
        String key = StateKeys.evidence(r.evidenceId());
        boolean written = false;
        try {
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(action.getResults()).getNsRwsetList()) {
                if (!ns.getNamespace().equals(r.chaincode())) {
                    continue;
                }
                for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    if (write.getKey().equals(key) && !write.getIsDelete()
                            && Arrays.equals(write.getValue().toByteArray(), recordBytes)) {
                        written = true;
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new Failure(Check.WRITE_SET, "read-write set is unreadable");
        }
        require(Check.WRITE_SET, written, "the transaction does not write these record bytes under evidence "
                + r.evidenceId());

        // endorsements
        List<Endorsement> endorsements = actionPayload.getAction().getEndorsementsList();
        require(Check.ENDORSEMENT, !endorsements.isEmpty(), "the transaction has no endorsement");
        require(Check.ENDORSEMENT, endorsements.size() == r.endorsements().size(),
                "receipt lists " + r.endorsements().size() + " endorsements, the transaction has " + endorsements.size());
        for (int i = 0; i < endorsements.size(); i++) {
            Endorsement endorsement = endorsements.get(i);
            SerializedIdentity endorser = identity(Check.ENDORSEMENT, endorsement.getEndorser(), "endorser " + i);
            X509Certificate cert = identityCertificate(Check.ENDORSEMENT, endorsement.getEndorser(), "endorser " + i);
            byte[] signed = FabricBlocks.endorsementInput(actionPayload.getAction().getProposalResponsePayload(),
                    endorsement.getEndorser());
            require(Check.ENDORSEMENT, Certificates.verifies(cert, signed, endorsement.getSignature().toByteArray()),
                    "endorsement " + i + " by " + endorser.getMspid() + " does not verify");
            Receipt.Endorsement shown = r.endorsements().get(i);
            require(Check.ENDORSEMENT, shown != null && endorser.getMspid().equals(shown.mspId())
                    && endorser.getIdBytes().toStringUtf8().equals(shown.certificate())
                    && Base64.getEncoder().encodeToString(endorsement.getSignature().toByteArray()).equals(shown.signature()),
                    "receipt's endorsement " + i + " differs from the one in the transaction");
            signers.put("endorser " + endorser.getMspid() + " #" + i, cert);
        }

        // transaction in block
        Receipt.BlockPart block = r.block();
        require(Check.TRANSACTION_IN_BLOCK, r.transaction().blockNumber() == block.number(),
                "transaction says block " + r.transaction().blockNumber() + ", block is " + block.number());
        int index = r.transaction().index();
        require(Check.TRANSACTION_IN_BLOCK, index >= 0 && index < block.envelopes().size(),
                "index " + index + " is outside a block of " + block.envelopes().size() + " transactions");
        byte[] atIndex = base64(Check.TRANSACTION_IN_BLOCK, block.envelopes().get(index), "block envelope " + index);
        require(Check.TRANSACTION_IN_BLOCK, Arrays.equals(atIndex, envelopeBytes),
                "block " + block.number() + " holds a different transaction at index " + index);
        require(Check.VALIDATION_CODE, "VALID".equals(r.transaction().validationCode()),
                "the transaction is marked " + r.transaction().validationCode());

        // data hash
        List<ByteString> envelopes = new ArrayList<>(block.envelopes().size());
        for (int i = 0; i < block.envelopes().size(); i++) {
            envelopes.add(ByteString.copyFrom(base64(Check.DATA_HASH, block.envelopes().get(i), "envelope " + i)));
        }
        String dataHash = HEX.formatHex(FabricBlocks.dataHash(envelopes));
        require(Check.DATA_HASH, dataHash.equals(block.dataHash()),
                "block " + block.number() + " data hash is " + dataHash + ", receipt says " + block.dataHash());

        // header hash
        BlockHeader header = BlockHeader.newBuilder().setNumber(block.number())
                .setPreviousHash(ByteString.copyFrom(hex(Check.HEADER_HASH, block.previousHash(), "previousHash")))
                .setDataHash(ByteString.copyFrom(hex(Check.HEADER_HASH, block.dataHash(), "dataHash"))).build();
        String headerHash = HEX.formatHex(FabricBlocks.headerHash(header));
        require(Check.HEADER_HASH, headerHash.equals(block.headerHash()),
                "block " + block.number() + " header hash is " + headerHash + ", receipt says " + block.headerHash());

        // block signatures
        require(Check.BLOCK_SIGNATURE, !block.signatures().isEmpty(), "the block carries no signature");
        ByteString metadataValue = ByteString.copyFrom(base64(Check.BLOCK_SIGNATURE, block.signatureMetadataValue(),
                "signatureMetadataValue"));
        for (int i = 0; i < block.signatures().size(); i++) {
            Receipt.BlockSignature s = block.signatures().get(i);
            require(Check.BLOCK_SIGNATURE, s != null && s.signatureHeader() != null && s.signature() != null
                    && s.certificate() != null, "block signature " + i + " is incomplete");
            ByteString sigHeaderBytes = ByteString.copyFrom(base64(Check.BLOCK_SIGNATURE, s.signatureHeader(),
                    "signatureHeader"));
            ByteString signerBytes;
            try {
                signerBytes = SignatureHeader.parseFrom(sigHeaderBytes).getCreator();
            } catch (InvalidProtocolBufferException e) {
                throw new Failure(Check.BLOCK_SIGNATURE, "signature header " + i + " is unreadable");
            }
            SerializedIdentity signer = identity(Check.BLOCK_SIGNATURE, signerBytes, "block signer " + i);
            require(Check.BLOCK_SIGNATURE, signer.getIdBytes().toStringUtf8().equals(s.certificate()),
                    "block signature " + i + " certificate is not the signer's");
            X509Certificate cert = identityCertificate(Check.BLOCK_SIGNATURE, signerBytes, "block signer " + i);
            byte[] signed = FabricBlocks.blockSignatureInput(metadataValue, sigHeaderBytes, header);
            require(Check.BLOCK_SIGNATURE, Certificates.verifies(cert, signed,
                    base64(Check.BLOCK_SIGNATURE, s.signature(), "signature")),
                    "block " + block.number() + " signature " + i + " by " + signer.getMspid() + " does not verify");
            signers.put("block signer " + signer.getMspid() + " #" + i, cert);
        }

        // The embedded engine's one node both endorses and orders; on Fabric, orderers never endorse.
        boolean signerEndorsed = block.signatures().stream().anyMatch(s -> r.endorsements().stream()
                .anyMatch(e -> e.certificate().equals(s.certificate())));
        require(Check.BLOCK_SIGNATURE, signerEndorsed == "embedded".equals(r.engine()), "embedded".equals(r.engine())
                ? "engine is embedded but the block was not signed by the endorsing node"
                : "engine is fabric but the block was signed by an endorser, as only the embedded engine does");

        // certificate chain
        List<X509Certificate> receiptCas = new ArrayList<>();
        require(Check.CERTIFICATE_CHAIN, !r.caCertificates().isEmpty(), "the receipt carries no CA certificate");
        for (String pem : r.caCertificates()) {
            try {
                X509Certificate ca = Certificates.parseOne(Objects.requireNonNull(pem));
                require(Check.CERTIFICATE_CHAIN, ca.getBasicConstraints() >= 0 && issuedBy(ca, ca),
                        "receipt CA " + ca.getSubjectX500Principal() + " is not a self-signed CA");
                receiptCas.add(ca);
            } catch (CertificateException | NullPointerException e) {
                throw new Failure(Check.CERTIFICATE_CHAIN, "a receipt CA certificate is unreadable");
            }
        }
        for (Map.Entry<String, X509Certificate> signer : signers.entrySet()) {
            X509Certificate cert = signer.getValue();
            require(Check.CERTIFICATE_CHAIN, receiptCas.stream().anyMatch(ca -> issuedBy(cert, ca)),
                    signer.getKey() + " " + cert.getSubjectX500Principal() + " is not issued by the receipt's CAs");
            if (!pinnedCas.isEmpty()) {
                require(Check.CERTIFICATE_CHAIN, pinnedCas.stream().anyMatch(ca -> issuedBy(cert, ca)),
                        signer.getKey() + " " + cert.getSubjectX500Principal() + " is not issued by the pinned CA");
            }
            try {
                cert.checkValidity(Date.from(txTime));
            } catch (CertificateException e) {
                throw new Failure(Check.CERTIFICATE_CHAIN, signer.getKey() + " certificate was not valid at "
                        + txTime);
            }
        }

        // inclusion proof
        String kind = stored.path("kind").asText();
        Receipt.Proof proof = r.inclusionProof();
        if (proof != null) {
            require(Check.INCLUSION_PROOF, "BATCH".equals(kind), "only a batch record has items");
            JsonNode batch = stored.path("record");
            require(Check.INCLUSION_PROOF, proof.root() != null && proof.root().equals(batch.path("merkleRoot").asText()),
                    "the proof's root is not the batch's merkleRoot " + batch.path("merkleRoot").asText());
            require(Check.INCLUSION_PROOF, proof.treeSize() == batch.path("leafCount").asLong(),
                    "the proof's tree size " + proof.treeSize() + " is not the batch's leafCount "
                            + batch.path("leafCount").asLong());
            require(Check.INCLUSION_PROOF, proof.auditPath() != null && proof.leaf() != null && proof.leafHash() != null,
                    "the proof is incomplete");
            List<byte[]> path = new ArrayList<>();
            for (String node : proof.auditPath()) {
                path.add(hex(Check.INCLUSION_PROOF, node, "auditPath"));
            }
            try {
                InclusionProofVerifier.verify(hex(Check.INCLUSION_PROOF, proof.leaf(), "leaf"),
                        new InclusionProof(proof.leafIndex(), proof.treeSize(),
                                hex(Check.INCLUSION_PROOF, proof.leafHash(), "leafHash"), path,
                                hex(Check.INCLUSION_PROOF, proof.root(), "root")),
                        HEX.parseHex(batch.path("merkleRoot").asText()));
            } catch (ProofVerificationException | IllegalArgumentException e) {
                throw new Failure(Check.INCLUSION_PROOF, e.getMessage());
            }
        }

        // file
        String fileNote = "";
        if (file != null) {
            JsonNode record = stored.path("record");
            if ("DOCUMENT".equals(kind)) {
                require(Check.FILE, record.path("sha256").asText().equals(file.sha256()),
                        "file SHA-256 " + file.sha256() + " is not the record's " + record.path("sha256").asText());
                require(Check.FILE, record.path("sm3").asText().equals(file.sm3()),
                        "file SM3 " + file.sm3() + " is not the record's " + record.path("sm3").asText());
                fileNote = "; the file matches its SHA-256 and SM3";
            } else if (proof != null) {
                require(Check.FILE, proof.leaf().equals(file.sha256()),
                        "file SHA-256 " + file.sha256() + " is not batch item " + proof.leafIndex() + " " + proof.leaf());
                fileNote = "; the file is item " + proof.leafIndex() + " of the batch";
            } else {
                throw new Failure(Check.FILE, "a " + kind + " record names no file");
            }
        }

        String trustNote = switch (trust) {
            case PINNED -> "certificate chain checked against the pinned CA";
            case RECEIPT_CA -> "certificate chain checked against the receipt's own CA, accepted with"
                    + " --trust-receipt-ca: the receipt is consistent, but nothing shows it came from the bureau's"
                    + " ledger";
            case UNPINNED -> "certificate chain checked only against the receipt's own CA, which anyone can make:"
                    + " pin the trust bundle with --ca trust-bundle.pem (auditors: GET /api/audit/trust-bundle), or"
                    + " accept the receipt's CA with --trust-receipt-ca";
        };
        return "evidence " + r.evidenceId() + " (" + kind + ") written by transaction " + r.transaction().id()
                + " in block " + block.number() + " of channel " + r.channel() + " (" + r.engine() + "); "
                + endorsements.size() + " endorsement(s) and " + block.signatures().size()
                + " block signature(s) verified" + (proof != null ? "; inclusion proof verified" : "")
                + fileNote + "; " + trustNote;
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
        return Certificates.issuedBy(cert, ca);
    }

    private static SerializedIdentity identity(Check check, ByteString bytes, String who) throws Failure {
        try {
            return SerializedIdentity.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new Failure(check, who + " identity is unreadable");
        }
    }

    private static X509Certificate identityCertificate(Check check, ByteString bytes, String who) throws Failure {
        try {
            return Certificates.parseOne(identity(check, bytes, who).getIdBytes().toString(StandardCharsets.UTF_8));
        } catch (CertificateException e) {
            throw new Failure(check, who + " certificate is unreadable");
        }
    }

    private static byte[] base64(Check check, String value, String field) throws Failure {
        try {
            return B64.decode(Objects.requireNonNull(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Failure(check, field + " is not base64");
        }
    }

    private static byte[] hex(Check check, String value, String field) throws Failure {
        try {
            if (value == null || !value.equals(value.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException();
            }
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new Failure(check, field + " is not lowercase hex");
        }
    }

    private static void require(Check check, boolean condition, String reason) throws Failure {
        if (!condition) {
            throw new Failure(check, reason);
        }
    }
}
