package cn.landreserve.ledger.archive;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * Checks an RFC 3161 timestamp token (GB/T 20520 profile) offline with BouncyCastle's TSP: the token parses, its
 * message imprint is the digest of the given bytes (SHA-256 or SM3, whichever the token names), its signature
 * verifies with the TSA certificate, that certificate is for time stamping (extended key usage) and valid at the
 * token's time, and it is — or is issued by — one of the pinned TSA certificates. Without a pin the verdict is
 * {@link Finding.Status#UNPINNED}. A token from the service's own authority (certificate OU {@value #LOCAL_TSA_OU})
 * is labelled {@code LOCAL}.
 */
public final class TimestampVerifier {

    /** The organisational unit that marks the service's own, local time-stamping authority. */
    public static final String LOCAL_TSA_OU = "LOCAL-TSA";

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final List<X509Certificate> pinned;

    /** The outcome of checking one token. */
    public record Result(Finding.Status status, String message, Instant time, boolean local, String tsa,
            boolean otherBytes) {
        /** Whether the token is sound (pinned or not). */
        public boolean sound() {
            return status == Finding.Status.PASS || status == Finding.Status.UNPINNED;
        }
    }

    /**
     * @param pinnedTsaCertificates the TSA certificates (or their CAs) the auditor trusts; empty for none
     */
    public TimestampVerifier(List<X509Certificate> pinnedTsaCertificates) {
        this.pinned = List.copyOf(pinnedTsaCertificates);
    }

    /** Checks that {@code token} (DER CMS SignedData) timestamps exactly {@code data}. */
    public Result verify(byte[] token, byte[] data) {
        TimeStampToken tst;
        try {
            tst = new TimeStampToken(new CMSSignedData(token));
        } catch (CMSException | TSPException | IOException | RuntimeException e) {
            return fail("not an RFC 3161 timestamp token: " + e.getMessage(), null, false, "?");
        }
        Instant time = tst.getTimeStampInfo().getGenTime().toInstant();
        X509Certificate signer;
        try {
            signer = signerCertificate(tst);
        } catch (CertificateException e) {
            return fail("the token's certificates cannot be read: " + e.getMessage(), time, false, "?");
        }
        if (signer == null) {
            return fail("the token carries no certificate for its signer, and no pinned certificate matches it", time,
                    false, "?");
        }
        String tsa = signer.getSubjectX500Principal().getName();
        boolean local = isLocal(signer);
        try {
            tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(signer));
        } catch (TSPValidationException e) {
            return fail("the token does not verify with its TSA certificate " + tsa + ": " + e.getMessage(), time,
                    local, tsa);
        } catch (TSPException | OperatorCreationException | RuntimeException e) {
            return fail("the token's signature cannot be checked: " + e.getMessage(), time, local, tsa);
        }
        if (!pinned.isEmpty() && pinned.stream().noneMatch(p -> p.equals(signer) || issuedBy(signer, p))) {
            return fail("the token is signed by " + tsa + ", which is neither a pinned TSA certificate nor issued by one",
                    time, local, tsa);
        }
        ASN1ObjectIdentifier algorithm = tst.getTimeStampInfo().getMessageImprintAlgOID();
        byte[] expected;
        try {
            expected = digest(algorithm, data);
        } catch (NoSuchAlgorithmException e) {
            return fail("the token's imprint uses an unsupported digest " + algorithm, time, local, tsa);
        }
        byte[] imprint = tst.getTimeStampInfo().getMessageImprintDigest();
        if (!Arrays.equals(expected, imprint)) {
            return new Result(Finding.Status.FAIL, "a sound token of " + tsa + " at " + time + " timestamps other"
                    + " bytes: its imprint is " + hex(imprint) + ", the bytes here digest to " + hex(expected), time,
                    local, tsa, true);
        }
        String who = (local ? "LOCAL time-stamping authority " : "time-stamping authority ") + tsa;
        if (pinned.isEmpty()) {
            return new Result(Finding.Status.UNPINNED, "timestamped " + time + " by " + who
                    + ", checked only against the certificate the token carries (give --tsa)", time, local, tsa, false);
        }
        return new Result(Finding.Status.PASS, "timestamped " + time + " by " + who + " (pinned)", time, local, tsa,
                false);
    }

    /** Whether a TSA certificate is the service's own local authority. */
    public static boolean isLocal(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : name.getRDNs(BCStyle.OU)) {
            if (LOCAL_TSA_OU.equals(IETFUtils.valueToString(rdn.getFirst().getValue()))) {
                return true;
            }
        }
        return false;
    }

    /** The certificates a token carries, e.g. to write beside it. */
    public static List<X509Certificate> certificates(byte[] token) throws IOException {
        try {
            TimeStampToken tst = new TimeStampToken(new CMSSignedData(token));
            List<X509Certificate> out = new ArrayList<>();
            for (X509CertificateHolder holder : tst.getCertificates().getMatches(null)) {
                out.add(new JcaX509CertificateConverter().getCertificate(holder));
            }
            return out;
        } catch (CMSException | TSPException | CertificateException e) {
            throw new IOException("not a readable timestamp token: " + e.getMessage(), e);
        }
    }

    private X509Certificate signerCertificate(TimeStampToken tst) throws CertificateException {
        @SuppressWarnings("unchecked")
        Selector<X509CertificateHolder> sid = (Selector<X509CertificateHolder>) (Selector<?>) tst.getSID();
        Collection<X509CertificateHolder> carried = tst.getCertificates().getMatches(sid);
        if (!carried.isEmpty()) {
            return new JcaX509CertificateConverter().getCertificate(carried.iterator().next());
        }
        for (X509Certificate p : pinned) {
            try {
                if (sid.match(new X509CertificateHolder(p.getEncoded()))) {
                    return p;
                }
            } catch (IOException e) {
                throw new CertificateException(e);
            }
        }
        return null;
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate ca) {
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(ca.getPublicKey(), BC);
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** The digest the token names: SHA-256 or SM3 (GB/T 20520 allows SM3). */
    static byte[] digest(ASN1ObjectIdentifier algorithm, byte[] data) throws NoSuchAlgorithmException {
        String name;
        if (TSPAlgorithms.SHA256.equals(algorithm)) {
            name = "SHA-256";
        } else if (TSPAlgorithms.SM3.equals(algorithm)) {
            name = "SM3";
        } else if (TSPAlgorithms.SHA384.equals(algorithm)) {
            name = "SHA-384";
        } else if (TSPAlgorithms.SHA512.equals(algorithm)) {
            name = "SHA-512";
        } else {
            throw new NoSuchAlgorithmException(Objects.toString(algorithm));
        }
        return MessageDigest.getInstance(name, BC).digest(data);
    }

    private static Result fail(String message, Instant time, boolean local, String tsa) {
        return new Result(Finding.Status.FAIL, message, time, local, tsa, false);
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
