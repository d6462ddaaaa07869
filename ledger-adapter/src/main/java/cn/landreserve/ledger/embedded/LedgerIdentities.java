package cn.landreserve.ledger.embedded;

import cn.landreserve.chaincode.EvidenceContract;
import cn.landreserve.ledger.receipt.Certificates;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The embedded ledger's organisation: a CA, the node identity (endorses transactions and signs
 * blocks) and the writer client identity (carries {@code evidence.writer=true}). Generated on
 * first start into {@code <dataDir>/msp}; private keys are PKCS#8 PEM with mode 600. The CA's key
 * is used once to issue the two certificates and is not kept.
 */
final class LedgerIdentities {
    /** Fabric CA's attribute extension OID. */
    static final String ATTRIBUTE_OID = "1.2.3.4.5.6.7.8.1";
    private static final String CA_CERT = "ca-cert.pem";
    private static final String NODE_CERT = "node-cert.pem";
    private static final String NODE_KEY = "node-key.pem";
    private static final String WRITER_CERT = "writer-cert.pem";
    private static final String WRITER_KEY = "writer-key.pem";
    private static final String MSP_ID = "mspid";

    private final X509Certificate ca;
    private final String caPem;
    private final Signer node;
    private final Signer writer;

    private LedgerIdentities(X509Certificate ca, String caPem, Signer node, Signer writer) {
        this.ca = ca;
        this.caPem = caPem;
        this.node = node;
        this.writer = writer;
    }

    X509Certificate ca() {
        return ca;
    }

    String caPem() {
        return caPem;
    }

    Signer node() {
        return node;
    }

    Signer writer() {
        return writer;
    }

    /** Loads the identities from {@code mspDir}, generating them if the directory holds none. */
    static LedgerIdentities loadOrCreate(Path mspDir, String mspIdIfNew) throws IOException, GeneralSecurityException {
        if (!Files.exists(mspDir.resolve(CA_CERT))) {
            generate(mspDir, mspIdIfNew);
        }
        String mspId = Files.readString(mspDir.resolve(MSP_ID)).trim();
        String caPem = Files.readString(mspDir.resolve(CA_CERT));
        X509Certificate ca = Certificates.parseOne(caPem);
        return new LedgerIdentities(ca, caPem, load(mspDir, mspId, NODE_CERT, NODE_KEY),
                load(mspDir, mspId, WRITER_CERT, WRITER_KEY));
    }

    private static Signer load(Path dir, String mspId, String certFile, String keyFile)
            throws IOException, GeneralSecurityException {
        String pem = Files.readString(dir.resolve(certFile));
        PrivateKey key;
        try (Reader reader = Files.newBufferedReader(dir.resolve(keyFile)); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (!(object instanceof PrivateKeyInfo info)) {
                throw new GeneralSecurityException(keyFile + " holds no PKCS#8 private key");
            }
            key = new JcaPEMKeyConverter().getPrivateKey(info);
        }
        return new Signer(mspId, Certificates.parseOne(pem), pem, key);
    }

    private static void generate(Path dir, String mspId) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair caKeys = newKeyPair();
        KeyPair nodeKeys = newKeyPair();
        KeyPair writerKeys = newKeyPair();
        String domain = mspId.toLowerCase(java.util.Locale.ROOT);
        X500Name caName = new X500Name("CN=ca." + domain + ",O=" + mspId);
        X509Certificate caCert = issue(caName, caKeys.getPublic(), caName, caKeys, null, true);
        X509Certificate nodeCert = issue(new X500Name("CN=node0." + domain + ",OU=peer,O=" + mspId),
                nodeKeys.getPublic(), caName, caKeys, caCert, false);
        String attributes = "{\"attrs\":{\"" + EvidenceContract.WRITER_ATTRIBUTE
                + "\":\"true\",\"hf.EnrollmentID\":\"evidence-writer\",\"hf.Type\":\"client\"}}";
        X509Certificate writerCert = issue(new X500Name("CN=evidence-writer,OU=client,O=" + mspId),
                writerKeys.getPublic(), caName, caKeys, caCert, false, attributes);
        // Keys first, the CA certificate last: its presence marks a complete identity set.
        writeSecret(dir.resolve(NODE_KEY), Certificates.toPem(new JcaPKCS8Generator(nodeKeys.getPrivate(), null)));
        writeSecret(dir.resolve(WRITER_KEY), Certificates.toPem(new JcaPKCS8Generator(writerKeys.getPrivate(), null)));
        Files.writeString(dir.resolve(NODE_CERT), Certificates.toPem(nodeCert));
        Files.writeString(dir.resolve(WRITER_CERT), Certificates.toPem(writerCert));
        Files.writeString(dir.resolve(MSP_ID), mspId + "\n");
        Path caTmp = dir.resolve(CA_CERT + ".tmp");
        Files.writeString(caTmp, Certificates.toPem(caCert));
        Files.move(caTmp, dir.resolve(CA_CERT), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    static X509Certificate issue(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
            X509Certificate issuerCert, boolean isCa, String... attributesJson) throws GeneralSecurityException {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            BigInteger serial = new BigInteger(128, new SecureRandom());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(36500, ChronoUnit.DAYS)),
                    subject, subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
                    : KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerCert));
            }
            for (String json : attributesJson) {
                builder.addExtension(new ASN1ObjectIdentifier(ATTRIBUTE_OID), false, json.getBytes(StandardCharsets.UTF_8));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot issue a certificate for " + subject, e);
        }
    }

    private static void writeSecret(Path file, String pem) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            Files.deleteIfExists(file);
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
