package cn.landreserve.workflow.archive;

import cn.landreserve.ledger.archive.Finding;
import cn.landreserve.ledger.archive.FourPropertiesReport;
import cn.landreserve.ledger.archive.PackageVerifier;
import cn.landreserve.ledger.archive.TimestampVerifier;
import cn.landreserve.ledger.archive.VerifyPackageCommand;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reading, changing and re-zipping packages, and verifying them as an auditor would. */
final class PackageZips {

    private PackageZips() {
    }

    static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    /** A copy of the package with {@code change} applied to its entries. */
    static Path changed(Path zip, Path dir, String name, Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = read(zip);
        change.accept(entries);
        Path out = dir.resolve(name + ".zip");
        try (OutputStream o = Files.newOutputStream(out); ZipOutputStream z = new ZipOutputStream(o, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    static byte[] flipped(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    /** The offline verifier, in-process: exit code and printed lines. */
    record Run(int exit, String out) {
    }

    static Run verifyPackage(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyPackageCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    /** The verifier's report, pinned to the given bundle and TSA certificate files. */
    static FourPropertiesReport report(Path zip, Path bundle, Path tsa) throws IOException, CertificateException {
        return new PackageVerifier(ReceiptVerifier.pinning(Certificates.parsePem(Files.readString(bundle))),
                new TimestampVerifier(Certificates.parsePem(Files.readString(tsa)))).verify(zip);
    }

    static List<Finding> failures(FourPropertiesReport report) {
        return report.failures();
    }
}
