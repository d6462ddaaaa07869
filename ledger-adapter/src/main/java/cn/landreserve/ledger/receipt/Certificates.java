package cn.landreserve.ledger.receipt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PEM certificates in and out, and ECDSA-SHA256 signature checks against them. */
public final class Certificates {
    private Certificates() {
    }

    /** Parses every CERTIFICATE block in PEM text. */
    public static List<X509Certificate> parsePem(String pem) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                if ("CERTIFICATE".equals(object.getType())) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(object.getContent())));
                }
            }
        } catch (IOException e) {
            throw new CertificateException("not PEM: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate in PEM text");
        }
        return out;
    }

    /** Parses exactly one certificate from PEM text (or PEM bytes, as in a serialized identity). */
    public static X509Certificate parseOne(String pem) throws CertificateException {
        List<X509Certificate> certs = parsePem(pem);
        if (certs.size() != 1) {
            throw new CertificateException("expected one certificate, found " + certs.size());
        }
        return certs.get(0);
    }

    /** Parses exactly one certificate from PEM bytes. */
    public static X509Certificate parseOne(byte[] pem) throws CertificateException {
        return parseOne(new String(pem, StandardCharsets.UTF_8));
    }

    /** PEM text of a certificate. */
    public static String toPem(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Whether {@code signature} (DER ECDSA) over {@code data} verifies with the certificate's key. */
    public static boolean verifies(X509Certificate certificate, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
