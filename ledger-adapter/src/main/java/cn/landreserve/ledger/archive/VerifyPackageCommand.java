package cn.landreserve.ledger.archive;

import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar receipt-verifier.jar verify-package --package P.zip --ca trust-bundle.pem [--tsa tsa.pem]
 * [--report out.json]}: the 四性检测 of an archive package, offline. Prints one line per finding and a verdict line;
 * exits 0 (OK), 1 (FAILED: some check failed), 2 (usage) or 3 (UNPINNED: nothing failed, but {@code --ca} or
 * {@code --tsa} was not given, so receipts or timestamps were checked only against certificates the package carries).
 */
public final class VerifyPackageCommand {
    static final String USAGE = "usage: verify-package --package P.zip [--ca trust-bundle.pem]... [--tsa tsa-cert.pem]..."
            + " [--report four-properties.json]";

    private VerifyPackageCommand() {
    }

    /** Runs without exiting; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path pkg = null;
        Path report = null;
        List<Path> cas = new ArrayList<>();
        List<Path> tsas = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            Path value = Path.of(args[i + 1]);
            switch (args[i]) {
                case "--package" -> pkg = value;
                case "--ca" -> cas.add(value);
                case "--tsa" -> tsas.add(value);
                case "--report" -> report = value;
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        if (pkg == null) {
            err.println(USAGE);
            return 2;
        }
        List<X509Certificate> pinnedCas;
        List<X509Certificate> pinnedTsas;
        try {
            pinnedCas = read(cas);
            pinnedTsas = read(tsas);
        } catch (IOException | CertificateException e) {
            out.println("FAILED: cannot read a pinned certificate: " + e.getMessage());
            return 1;
        }
        ReceiptVerifier receipts = pinnedCas.isEmpty() ? ReceiptVerifier.unpinned() : ReceiptVerifier.pinning(pinnedCas);
        FourPropertiesReport result = new PackageVerifier(receipts, new TimestampVerifier(pinnedTsas)).verify(pkg);
        for (Finding f : result.findings()) {
            out.println(f.line());
        }
        for (Map.Entry<Property, String> p : result.byProperty().entrySet()) {
            out.println(p.getKey().zh() + " " + p.getKey().name().toLowerCase(java.util.Locale.ROOT) + ": " + p.getValue());
        }
        List<Finding> failures = result.failures();
        String time = "time source " + result.timeSource()
                + ("LOCAL".equals(result.timeSource()) ? " (the service's own time-stamping authority, not an"
                        + " independent time source)" : "");
        out.println(switch (result.verdict()) {
            case "OK" -> "OK: the archive package of project " + result.projectId() + " passed all "
                    + result.findings().size() + " checks; " + time;
            case "UNPINNED" -> "UNPINNED: nothing failed, but " + (pinnedCas.isEmpty() ? "no --ca" : "no --tsa")
                    + " was given: receipts or timestamps were checked only against certificates the package"
                    + " carries; " + time;
            default -> "FAILED: " + failures.size() + " of " + result.findings().size() + " checks failed; first: "
                    + failures.get(0).check() + " " + failures.get(0).subject() + ": " + failures.get(0).message();
        });
        if (report != null) {
            try {
                Files.writeString(report, result.toJson());
            } catch (IOException e) {
                err.println("cannot write " + report + ": " + e.getMessage());
            }
        }
        return result.exitCode();
    }

    private static List<X509Certificate> read(List<Path> files) throws IOException, CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        for (Path f : files) {
            List<X509Certificate> certs = Certificates.parsePem(Files.readString(f));
            if (certs.isEmpty()) {
                throw new CertificateException(f + " holds no PEM certificate");
            }
            out.addAll(certs);
        }
        return out;
    }
}
