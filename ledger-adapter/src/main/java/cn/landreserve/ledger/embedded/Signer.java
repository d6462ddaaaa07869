package cn.landreserve.ledger.embedded;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.FabricBlocks;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
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
    private final ECPrivateKeyParameters bcKey;
    private final ByteString serialized;

    Signer(String mspId, X509Certificate certificate, String certificatePem, PrivateKey key) {
        this.mspId = mspId;
        this.certificate = certificate;
        this.certificatePem = certificatePem;
        this.bcKey = new ECPrivateKeyParameters(((ECPrivateKey) key).getS(), Certificates.p256());
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

    /**
     * Signs data: SHA-256, ECDSA with a deterministic nonce (RFC 6979) through BouncyCastle's
     * lightweight API (several times faster than the JDK 17 provider), low-S, DER.
     */
    byte[] sign(byte[] data) {
        try {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, bcKey);
            BigInteger[] rs = signer.generateSignature(FabricBlocks.sha256().digest(data));
            BigInteger s = rs[1].compareTo(HALF_ORDER) <= 0 ? rs[1] : P256_ORDER.subtract(rs[1]);
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot sign with " + certificate.getSubjectX500Principal(), e);
        }
    }
}
