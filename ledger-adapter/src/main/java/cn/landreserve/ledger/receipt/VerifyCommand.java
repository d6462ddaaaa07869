package cn.landreserve.ledger.receipt;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The command-line verifier:
 * {@code java -jar receipt-verifier.jar --receipt r.json [--file doc.pdf] [--ca org-ca.pem]}.
 * Prints one line and exits 0 ({@code OK: ...}), 1 ({@code FAILED: <check>: <why>}) or 2 (usage).
 */
public final class VerifyCommand {
    static final String USAGE = "usage: verify --receipt r.json [--file doc.pdf] [--ca org-ca.pem]";

    private VerifyCommand() {
    }

    /** Runs and exits with the verdict's code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs without exiting; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path receipt = null;
        Path file = null;
        Path ca = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--receipt" -> receipt = value == null ? null : Path.of(value);
                case "--file" -> file = value == null ? null : Path.of(value);
                case "--ca" -> ca = value == null ? null : Path.of(value);
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
            if (value == null) {
                err.println(USAGE);
                return 2;
            }
            i++;
        }
        if (receipt == null) {
            err.println(USAGE);
            return 2;
        }
        String json;
        try {
            json = Files.readString(receipt);
        } catch (IOException e) {
            out.println("FAILED: format: cannot read " + receipt + ": " + e.getMessage());
            return 1;
        }
        ReceiptVerifier verifier;
        try {
            verifier = ca == null ? ReceiptVerifier.trustingReceiptCas() : ReceiptVerifier.pinning(readCas(ca));
        } catch (IOException | CertificateException e) {
            out.println("FAILED: certificate chain: cannot read the pinned CA " + ca + ": " + e.getMessage());
            return 1;
        }
        ReceiptVerifier.FileDigests digests = null;
        if (file != null) {
            try {
                digests = digests(file);
            } catch (IOException e) {
                out.println("FAILED: file digest: cannot read " + file + ": " + e.getMessage());
                return 1;
            }
        }
        Verdict verdict = verifier.verify(json, digests);
        out.println(verdict.line());
        return verdict.ok() ? 0 : 1;
    }

    private static List<X509Certificate> readCas(Path ca) throws IOException, CertificateException {
        return Certificates.parsePem(Files.readString(ca));
    }

    /** SHA-256 and SM3 of a file, streamed. */
    public static ReceiptVerifier.FileDigests digests(Path file) throws IOException {
        MessageDigest sha256 = FabricBlocks.sha256();
        SM3Digest sm3 = new SM3Digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                sm3.update(buffer, 0, n);
            }
        }
        byte[] sm3Out = new byte[32];
        sm3.doFinal(sm3Out, 0);
        return new ReceiptVerifier.FileDigests(HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(sm3Out));
    }
}
