package cn.landreserve.ledger.fabric;

import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.ledger.receipt.Certificates;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The organisations of a two-organisation channel, made with BouncyCastle for the in-process
 * gateway: a CA per organisation (reserve bureau, audit bureau, orderer), a peer per
 * organisation, an orderer, the service's client identity (with {@code evidence.writer=true}),
 * and a TLS CA with the gateway's server certificate; written as PEM files.
 */
final class TestPki {
    static final String RESERVE_MSP = "ReserveBureauMSP";
    static final String AUDIT_MSP = "AuditBureauMSP";
    static final String ORDERER_MSP = "OrdererMSP";
    static final String TLS_HOST = "peer0.reserve.landreserve.test";
    private static final BigInteger ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** An identity that signs as Fabric does (SHA-256 ECDSA, low-S, DER). */
    record Identity(String mspId, X509Certificate certificate, PrivateKey key) {
        ByteString serialized() {
            return SerializedIdentity.newBuilder().setMspid(mspId)
                    .setIdBytes(ByteString.copyFromUtf8(Certificates.toPem(certificate))).build().toByteString();
        }

        byte[] sign(byte[] data) {
            try {
                Signature signature = Signature.getInstance("SHA256withECDSA");
                signature.initSign(key);
                signature.update(data);
                ASN1Sequence rs = ASN1Sequence.getInstance(signature.sign());
                BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
                BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
                if (s.compareTo(ORDER.shiftRight(1)) > 0) {
                    s = ORDER.subtract(s);
                }
                return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                        .getEncoded(ASN1Encoding.DER);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final Identity reserveCa;
    final Identity auditCa;
    final Identity ordererCa;
    final Identity reservePeer;
    final Identity auditPeer;
    final Identity orderer;
    final Identity writer;
    final Identity tlsCa;
    final Identity tlsServer;

    TestPki() throws GeneralSecurityException {
        reserveCa = ca(RESERVE_MSP, "ca.reserve.landreserve.test");
        auditCa = ca(AUDIT_MSP, "ca.audit.landreserve.test");
        ordererCa = ca(ORDERER_MSP, "ca.orderer.landreserve.test");
        reservePeer = issue(reserveCa, "peer0.reserve.landreserve.test", "peer", null);
        auditPeer = issue(auditCa, "peer0.audit.landreserve.test", "peer", null);
        orderer = issue(ordererCa, "orderer0.landreserve.test", "orderer", null);
        writer = issue(reserveCa, "evidence-service", "client", "{\"attrs\":{\"" + EvidenceContract.WRITER_ATTRIBUTE
                + "\":\"true\",\"hf.EnrollmentID\":\"evidence-service\",\"hf.Type\":\"client\"}}");
        tlsCa = ca("TLS", "tlsca.reserve.landreserve.test");
        tlsServer = issue(tlsCa, TLS_HOST, "peer", null);
    }

    /** The organisation CAs, as auditors pin them. */
    List<X509Certificate> organisationCas() {
        return List.of(reserveCa.certificate(), auditCa.certificate(), ordererCa.certificate());
    }

    /** Writes the files a service needs and returns a configuration for {@code 127.0.0.1:port}. */
    FabricLedgerConfig write(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tls-ca.pem"), Certificates.toPem(tlsCa.certificate()));
        Files.writeString(dir.resolve("client-cert.pem"), Certificates.toPem(writer.certificate()));
        Files.writeString(dir.resolve("client-key.pem"), Certificates.toPem(new JcaPKCS8Generator(writer.key(), null)));
        Files.writeString(dir.resolve("server-cert.pem"), Certificates.toPem(tlsServer.certificate()));
        Files.writeString(dir.resolve("server-key.pem"),
                Certificates.toPem(new JcaPKCS8Generator(tlsServer.key(), null)));
        Files.writeString(dir.resolve("reserve-ca.pem"), Certificates.toPem(reserveCa.certificate()));
        Files.writeString(dir.resolve("audit-ca.pem"), Certificates.toPem(auditCa.certificate()));
        Files.writeString(dir.resolve("orderer-ca.pem"), Certificates.toPem(ordererCa.certificate()));
        return FabricLedgerConfig.of("127.0.0.1:" + port, dir.resolve("tls-ca.pem"), TLS_HOST, RESERVE_MSP,
                dir.resolve("client-cert.pem"), dir.resolve("client-key.pem"), FakeGateway.CHANNEL,
                FakeGateway.CHAINCODE, List.of(dir.resolve("reserve-ca.pem"), dir.resolve("audit-ca.pem"),
                        dir.resolve("orderer-ca.pem")));
    }

    private static Identity ca(String mspId, String name) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name + ",O=" + mspId);
        return new Identity(mspId, build(subject, keys, subject, keys, true, null, null), keys.getPrivate());
    }

    private static Identity issue(Identity ca, String name, String ou, String attributes)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name + ",OU=" + ou + ",O=" + ca.mspId());
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        return new Identity(ca.mspId(), build(subject, keys, issuer, new KeyPair(ca.certificate().getPublicKey(),
                ca.key()), false, attributes, name), keys.getPrivate());
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean isCa, String attributes, String dnsName) throws GeneralSecurityException {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(128, new SecureRandom()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(3650, ChronoUnit.DAYS)), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, dnsName), new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            if (attributes != null) {
                builder.addExtension(new ASN1ObjectIdentifier("1.2.3.4.5.6.7.8.1"), false,
                        attributes.getBytes(StandardCharsets.UTF_8));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
