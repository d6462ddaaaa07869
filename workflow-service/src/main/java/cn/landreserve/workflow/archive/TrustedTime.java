package cn.landreserve.workflow.archive;

import cn.landreserve.ledger.archive.Finding;
import cn.landreserve.ledger.archive.TimestampVerifier;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Trusted time for the archive: RFC 3161 timestamp tokens (GB/T 20520) over SHA-256 of given bytes, asked of each
 * configured authority in turn over HTTP ({@code application/timestamp-query}), or of the local authority when none
 * is configured. Every token is checked before it is used — it answers this request (imprint, nonce), and it
 * verifies with a pinned TSA certificate — so a wrong or forged answer is never archived.
 */
@Component
public class TrustedTime {

    private static final Logger log = LoggerFactory.getLogger(TrustedTime.class);
    private static final String QUERY = "application/timestamp-query";
    private static final String REPLY = "application/timestamp-reply";

    private final List<URI> urls;
    private final LocalTimeStampAuthority local;
    private final List<X509Certificate> pinned;
    private final Duration timeout;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    /** A token and where it came from. */
    public record Stamp(byte[] token, boolean local, String source, String tsa, Instant time) {
    }

    TrustedTime(ReserveProperties properties) throws IOException {
        ReserveProperties.Archive settings = properties.archive();
        this.timeout = settings.tsaTimeout();
        if (settings.localTsa()) {
            this.urls = List.of();
            this.local = LocalTimeStampAuthority.openOrCreate(properties.dataDir().resolve("tsa"));
            this.pinned = List.of(local.certificate());
        } else {
            for (URI url : settings.tsaUrls()) {
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                    throw new InvalidSettingException("reserve.archive.tsa-urls", "'" + url
                            + "' is not an http or https URL of an RFC 3161 time-stamping authority");
                }
            }
            this.urls = List.copyOf(settings.tsaUrls());
            this.local = null;
            this.pinned = readPinned(settings);
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static List<X509Certificate> readPinned(ReserveProperties.Archive settings) {
        if (settings.tsaCertificates() == null) {
            throw new InvalidSettingException("reserve.archive.tsa-certificates", "is required with"
                    + " reserve.archive.tsa-urls: the PEM certificates of those authorities, to check their tokens against");
        }
        try {
            List<X509Certificate> certs = Certificates.parsePem(Files.readString(settings.tsaCertificates()));
            if (certs.isEmpty()) {
                throw new CertificateException("no PEM certificate in it");
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw new InvalidSettingException("reserve.archive.tsa-certificates", settings.tsaCertificates()
                    + " is not a readable PEM file of TSA certificates (" + e.getMessage() + ")", e);
        }
    }

    /** Whether the tokens come from the service's own authority. */
    public boolean local() {
        return local != null;
    }

    /** The certificates tokens are checked against (and auditors pin). */
    public List<X509Certificate> pinned() {
        return pinned;
    }

    /** The pinned certificates as PEM. */
    public String certificatesPem() {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : pinned) {
            out.append(Certificates.toPem(c));
        }
        return out.toString();
    }

    /** A checked token over {@code data}. */
    public Stamp stamp(byte[] data) throws TrustedTimeUnavailableException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256(data), new BigInteger(64, random));
        List<String> failures = new ArrayList<>();
        if (local != null) {
            try {
                return checked(request, local.respond(request), data, "LOCAL");
            } catch (TSPException | IOException e) {
                throw new TrustedTimeUnavailableException("the local time-stamping authority failed: " + e.getMessage());
            }
        }
        for (URI url : urls) {
            try {
                return checked(request, ask(url, request), data, url.toString());
            } catch (IOException | TSPException e) {
                log.warn("time-stamping authority {} gave no usable token: {}", url, e.getMessage());
                failures.add(url + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrustedTimeUnavailableException("interrupted while asking " + url);
            }
        }
        throw new TrustedTimeUnavailableException("no time-stamping authority gave a valid token: "
                + String.join("; ", failures));
    }

    private TimeStampResponse ask(URI url, TimeStampRequest request)
            throws IOException, InterruptedException, TSPException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", QUERY).header("Accept", REPLY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return new TimeStampResponse(response.body());
    }

    private Stamp checked(TimeStampRequest request, TimeStampResponse response, byte[] data, String source)
            throws TSPException, IOException {
        if (response.getTimeStampToken() == null) {
            throw new TSPException("no token granted (status " + response.getStatus() + ": "
                    + response.getStatusString() + ")");
        }
        response.validate(request);
        byte[] token = response.getTimeStampToken().getEncoded();
        TimestampVerifier.Result result = new TimestampVerifier(pinned).verify(token, data);
        if (result.status() != Finding.Status.PASS) {
            throw new TSPException("token refused: " + result.message());
        }
        return new Stamp(token, result.local(), source, result.tsa(), result.time());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
