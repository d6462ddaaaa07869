package cn.landreserve.ledger.embedded;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An identity that signs as a Fabric identity does: ECDSA P-256 over SHA-256, DER-encoded, with
 * the low-S form Fabric requires; it presents itself as a {@code SerializedIdentity} (MSP id + PEM).
 */
final class Signer {
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger HALF_ORDER = P256_ORDER.shiftRight(1);

    private final String mspId;
    private final X509Certificate certificate;
    private final String certificatePem;
    private final PrivateKey key;
    private final ByteString serialized;

    Signer(String mspId, X509Certificate certificate, String certificatePem, PrivateKey key) {
        this.mspId = mspId;
        this.certificate = certificate;
        this.certificatePem = certificatePem;
        this.key = key;
        this.serialized = SerializedIdentity.newBuilder().setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(certificatePem)).build().toByteString();
    }

    String mspId() {
        return mspId;
    }

    X509Certificate certificate() {
        return certificate;
    }

    String certificatePem() {
        return certificatePem;
    }

    /** The serialized identity, as it appears as creator or endorser. */
    ByteString serialized() {
        return serialized;
    }

    /** Signs data; low-S DER ECDSA. */
    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(data);
            return lowS(signature.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign with " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static byte[] lowS(byte[] der) throws IOException {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        if (s.compareTo(HALF_ORDER) <= 0) {
            return der;
        }
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(P256_ORDER.subtract(s))})
                .getEncoded(ASN1Encoding.DER);
    }
}
