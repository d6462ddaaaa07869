package cn.landreserve.chaincode;

import com.google.protobuf.ByteString;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Serialized Fabric identities for tests: a self-signed certificate, with or without attributes. */
final class TestIdentities {
    private TestIdentities() {
    }

    static byte[] writer() {
        return identity("ReserveBureauMSP", "{\"attrs\":{\"evidence.writer\":\"true\"}}");
    }

    static byte[] identity(String mspId, String attributesJson) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=test,O=" + mspId);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                    name, keys.getPublic());
            if (attributesJson != null) {
                builder.addExtension(new ASN1ObjectIdentifier("1.2.3.4.5.6.7.8.1"), false,
                        attributesJson.getBytes(StandardCharsets.UTF_8));
            }
            X509CertificateHolder cert = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(cert);
            }
            return SerializedIdentity.newBuilder().setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8(pem.toString())).build().toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
