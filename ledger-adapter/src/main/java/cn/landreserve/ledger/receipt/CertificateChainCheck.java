package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Check#CERTIFICATE_CHAIN}: the receipt's CAs are self-signed CAs; every signer's certificate was issued by one
 * of them, by a pinned CA when there are any, and was valid when the transaction was made.
 */
final class CertificateChainCheck {
    private CertificateChainCheck() {
    }

    static void verify(Receipt r, List<X509Certificate> pinnedCas, Map<String, X509Certificate> signers, Instant at)
            throws CheckFailure {
        List<X509Certificate> receiptCas = new ArrayList<>();
        require(Check.CERTIFICATE_CHAIN, !r.caCertificates().isEmpty(), "the receipt carries no CA certificate");
        for (String pem : r.caCertificates()) {
            try {
                X509Certificate ca = Certificates.parseOne(Objects.requireNonNull(pem));
                require(Check.CERTIFICATE_CHAIN, ca.getBasicConstraints() >= 0 && Certificates.issuedBy(ca, ca),
                        "receipt CA " + ca.getSubjectX500Principal() + " is not a self-signed CA");
                receiptCas.add(ca);
            } catch (CertificateException | NullPointerException e) {
                throw new CheckFailure(Check.CERTIFICATE_CHAIN, "a receipt CA certificate is unreadable");
            }
        }
        for (Map.Entry<String, X509Certificate> signer : signers.entrySet()) {
            X509Certificate cert = signer.getValue();
            require(Check.CERTIFICATE_CHAIN, receiptCas.stream().anyMatch(ca -> Certificates.issuedBy(cert, ca)),
                    signer.getKey() + " " + cert.getSubjectX500Principal() + " is not issued by the receipt's CAs");
            if (!pinnedCas.isEmpty()) {
                require(Check.CERTIFICATE_CHAIN, pinnedCas.stream().anyMatch(ca -> Certificates.issuedBy(cert, ca)),
                        signer.getKey() + " " + cert.getSubjectX500Principal() + " is not issued by the pinned CA");
            }
            try {
                cert.checkValidity(Date.from(at));
            } catch (CertificateException e) {
                throw new CheckFailure(Check.CERTIFICATE_CHAIN, signer.getKey() + " certificate was not valid at " + at);
            }
        }
    }
}
