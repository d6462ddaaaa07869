package cn.landreserve.ledger.receipt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
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
    private static final String ECDSA_SHA256_OID = "1.2.840.10045.4.3.2";
    private static final ECDomainParameters P256;

    static {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        P256 = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    }

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
        return verifies(certificate.getPublicKey(), data, signature);
    }

    /**
     * Whether a DER ECDSA-SHA256 signature verifies. P-256 keys go through BouncyCastle's
     * lightweight ECDSA (several times faster than the JDK 17 provider); other keys through JCA.
     */
    public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                ASN1Sequence rs = ASN1Sequence.getInstance(signature);
                if (rs.size() != 2 || !Arrays.equals(rs.getEncoded(ASN1Encoding.DER), signature)) {
                    return false;
                }
                ECPoint w = ec.getW();
                ECPublicKeyParameters params = new ECPublicKeyParameters(
                        P256.getCurve().createPoint(w.getAffineX(), w.getAffineY()), P256);
                ECDSASigner verifier = new ECDSASigner();
                verifier.init(false, params);
                return verifier.verifySignature(FabricBlocks.sha256().digest(data),
                        ASN1Integer.getInstance(rs.getObjectAt(0)).getValue(),
                        ASN1Integer.getInstance(rs.getObjectAt(1)).getValue());
            }
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code cert} was signed by {@code ca} (issuer name and signature). */
    public static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            if (ECDSA_SHA256_OID.equals(cert.getSigAlgOID())) {
                return verifies(ca.getPublicKey(), cert.getTBSCertificate(), cert.getSignature());
            }
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The P-256 domain as BouncyCastle's optimised custom curve. */
    public static ECDomainParameters p256() {
        return P256;
    }
}
