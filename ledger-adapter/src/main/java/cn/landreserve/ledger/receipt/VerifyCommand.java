package cn.landreserve.ledger.receipt;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * The command-line verifier:
 * {@code java -jar receipt-verifier.jar --receipt r.json [--file doc.pdf] [--ca trust-bundle.pem]... [--trust-receipt-ca]}.
 * {@code --ca} may be repeated, and each file may hold several PEM certificates (a trust bundle). Prints one line and
 * exits 0 ({@code OK: ...}), 1 ({@code FAILED: <check>: <why>}), 2 (usage) or 3 ({@code UNPINNED: ...}: every check
 * passed, but only against the receipt's own CA, because no trust root was given).
 */
public final class VerifyCommand {
    static final String USAGE = "usage: verify --receipt r.json [--file doc.pdf] [--ca trust-bundle.pem]..."
            + " [--trust-receipt-ca]";

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
        List<Path> cas = new ArrayList<>();
        boolean trustReceiptCa = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--trust-receipt-ca")) {
                trustReceiptCa = true;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--receipt" -> receipt = value == null ? null : Path.of(value);
                case "--file" -> file = value == null ? null : Path.of(value);
                case "--ca" -> {
                    if (value != null) {
                        cas.add(Path.of(value));
                    }
                }
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
        if (trustReceiptCa && !cas.isEmpty()) {
            err.println("--ca pins a trust root and --trust-receipt-ca accepts the receipt's own CA: give one of them");
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
        if (!cas.isEmpty()) {
            List<X509Certificate> pinned = new ArrayList<>();
            for (Path ca : cas) {
                try {
                    pinned.addAll(Certificates.parsePem(Files.readString(ca)));
                } catch (IOException | CertificateException e) {
                    out.println("FAILED: certificate chain: cannot read the pinned CA " + ca + ": " + e.getMessage());
                    return 1;
                }
            }
            verifier = ReceiptVerifier.pinning(pinned);
        } else {
            verifier = trustReceiptCa ? ReceiptVerifier.trustingReceiptCas() : ReceiptVerifier.unpinned();
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
        return verdict.exitCode();
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
