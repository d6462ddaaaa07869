package cn.landreserve.workflow.archive;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import cn.landreserve.ledger.archive.TimestampVerifier;

/**
 * The embedded default's time-stamping authority: an RFC 3161 responder (BouncyCastle TSP) in this process with its
 * own P-256 key and self-signed certificate (extended key usage timeStamping, OU {@value TimestampVerifier#LOCAL_TSA_OU}),
 * made on first start under {@code <data-dir>/tsa} (key mode 600) and kept. Its time is this machine's clock, so its
 * tokens prove nothing the operator could not forge: reports and the verifier label them LOCAL. Production names
 * an independent authority ({@code reserve.archive.tsa-urls}).
 */
public final class LocalTimeStampAuthority {

    /** This authority's policy: an OID under the UUID arc (ITU-T X.667), no registry needed. */
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("2.25.222502764230149924508597121478559160649");
    static final String CERTIFICATE_FILE = "tsa-certificate.pem";
    static final String KEY_FILE = "tsa-key.pem";
    private static final Duration VALIDITY = Duration.ofDays(365L * 30);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SecureRandom random = new SecureRandom();

    private LocalTimeStampAuthority(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Loads the authority kept in {@code dir}, or makes one there. */
    public static LocalTimeStampAuthority openOrCreate(Path dir) throws IOException {
        // most significant first (DER order): printed in RFC 2253 form as CN=...,OU=LOCAL-TSA,O=...
        return openOrCreate(dir, "O=Land reserve evidence service,OU=" + TimestampVerifier.LOCAL_TSA_OU
                + ",CN=Local time-stamping authority (not an independent time source)");
    }

    /** The same with another subject (most significant RDN first): tests stand in for an external authority with it. */
    static LocalTimeStampAuthority openOrCreate(Path dir, String subject) throws IOException {
        Path certFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                return new LocalTimeStampAuthority(readKey(keyFile), readCertificate(certFile));
            }
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate cert = selfSigned(pair, new X500Name(subject));
            writePem(keyFile, pair.getPrivate(), true);
            writePem(certFile, cert, false);
            return new LocalTimeStampAuthority(pair.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make or read the local time-stamping authority in " + dir + ": " + e, e);
        }
    }

    /** Its certificate: what auditors pin with {@code --tsa}. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** Answers a time-stamp request as an RFC 3161 server would (status granted, or rejection for a bad request). */
    public TimeStampResponse respond(TimeStampRequest request) throws TSPException {
        try {
            var signer = new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC)
                    .build("SHA256withECDSA", key, certificate);
            var digests = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signer,
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), POLICY);
            tokens.setAccuracySeconds(1);
            tokens.addCertificates(new JcaCertStore(List.of(certificate)));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            return responses.generateGrantedResponse(request, new BigInteger(64, random), new Date());
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new TSPException("the local time-stamping authority cannot sign: " + e.getMessage(), e);
        }
    }

    /** Answers DER request bytes with DER response bytes (what an HTTP front would do). */
    public byte[] respond(byte[] request) throws IOException, TSPException {
        return respond(new TimeStampRequest(request)).getEncoded();
    }

    private static X509Certificate selfSigned(KeyPair pair, X500Name name)
            throws OperatorCreationException, GeneralSecurityException, IOException {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, pair.getPublic())
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                .build(pair.getPrivate()));
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
    }

    private static void writePem(Path file, Object value, boolean secret) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(value);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret) {
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
        }
        Files.writeString(tmp, text.toString(), StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(file + " holds no private key");
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            Object o = parser.readObject();
            if (o instanceof X509CertificateHolder holder) {
                return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
            }
            throw new IOException(file + " holds no certificate");
        }
    }
}
