package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import java.security.cert.X509Certificate;

/** {@link Check#CREATOR_SIGNATURE}: the creator's signature over the envelope's payload. */
final class CreatorSignatureCheck {
    private CreatorSignatureCheck() {
    }

    /** The creator's certificate, for the certificate chain. */
    static X509Certificate verify(EnvelopeCheck.Parsed transaction) throws CheckFailure {
        X509Certificate creator = Decoding.identityCertificate(Check.CREATOR_SIGNATURE,
                transaction.signatureHeader().getCreator(), "creator");
        require(Check.CREATOR_SIGNATURE, Certificates.verifies(creator,
                transaction.envelope().getPayload().toByteArray(), transaction.envelope().getSignature().toByteArray()),
                "the creator's signature over the envelope does not verify");
        return creator;
    }
}
