package cn.landreserve.ledger.receipt;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;

/**
 * Checks a receipt offline, needing nothing but the receipt (optionally the file's digests and a
 * pinned CA): record ↔ state bytes ↔ write set, creator and endorsement signatures, the envelope's
 * place in the block, data hash, header hash, block signatures, certificate chains, and a batch
 * item's inclusion proof. Every field of the receipt is bound by one of these checks; each is a class of its own
 * ({@code FormatCheck}, {@code RecordCheck}, … {@code FileCheck}) that fails with its {@link Check}, run here in
 * that order. An unexpected error inside a check fails that check, naming it.
 */
public final class ReceiptVerifier {
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
        } catch (CheckFailure f) {
            return Verdict.fail(f.check(), f.getMessage(), trust);
        }
    }

    private String run(Receipt r, FileDigests file) throws CheckFailure {
        step(Check.FORMAT, () -> {
            FormatCheck.verify(r);
            return null;
        });
        byte[] recordBytes = step(Check.RECORD, () -> RecordCheck.verify(r));
        EnvelopeCheck.Parsed transaction = step(Check.ENVELOPE, () -> EnvelopeCheck.verify(r));
        Map<String, X509Certificate> signers = new LinkedHashMap<>();
        signers.put("creator", step(Check.CREATOR_SIGNATURE, () -> CreatorSignatureCheck.verify(transaction)));
        ChaincodeActionPayload action = step(Check.WRITE_SET, () -> WriteSetCheck.verify(r, transaction, recordBytes));
        signers.putAll(step(Check.ENDORSEMENT, () -> EndorsementCheck.verify(r, action)));
        step(Check.TRANSACTION_IN_BLOCK, () -> {
            TransactionInBlockCheck.verify(r, transaction.bytes());
            return null;
        });
        step(Check.DATA_HASH, () -> {
            DataHashCheck.verify(r.block());
            return null;
        });
        BlockHeader header = step(Check.HEADER_HASH, () -> HeaderHashCheck.verify(r.block()));
        signers.putAll(step(Check.BLOCK_SIGNATURE, () -> BlockSignatureCheck.verify(r, header)));
        step(Check.CERTIFICATE_CHAIN, () -> {
            CertificateChainCheck.verify(r, pinnedCas, signers, transaction.time());
            return null;
        });
        step(Check.INCLUSION_PROOF, () -> {
            InclusionProofCheck.verify(r);
            return null;
        });
        String fileNote = step(Check.FILE, () -> FileCheck.verify(r, file));
        return "evidence " + r.evidenceId() + " (" + r.record().path("kind").asText() + ") written by transaction "
                + r.transaction().id() + " in block " + r.block().number() + " of channel " + r.channel() + " ("
                + r.engine() + "); " + r.endorsements().size() + " endorsement(s) and "
                + r.block().signatures().size() + " block signature(s) verified"
                + (r.inclusionProof() != null ? "; inclusion proof verified" : "") + fileNote + "; " + trustNote();
    }

    private String trustNote() {
        return switch (trust) {
            case PINNED -> "certificate chain checked against the pinned CA";
            case RECEIPT_CA -> "certificate chain checked against the receipt's own CA, accepted with"
                    + " --trust-receipt-ca: the receipt is consistent, but nothing shows it came from the bureau's"
                    + " ledger";
            case UNPINNED -> "certificate chain checked only against the receipt's own CA, which anyone can make:"
                    + " pin the trust bundle with --ca trust-bundle.pem (auditors: GET /api/audit/trust-bundle), or"
                    + " accept the receipt's CA with --trust-receipt-ca";
        };
    }

    /** One check's work. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws CheckFailure;
    }

    /** Runs one check; an error it did not expect (a bug, a receipt shaped as nobody foresaw) fails that check. */
    private static <T> T step(Check check, Step<T> step) throws CheckFailure {
        try {
            return step.run();
        } catch (RuntimeException e) {
            throw new CheckFailure(check, "unexpected error in this check: " + e);
        }
    }
}
