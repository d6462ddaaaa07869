package cn.landreserve.workflow.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Files for the UI scenarios: small PDFs (the service detects types from content) and their digests. */
public final class TestFiles {

    private TestFiles() {}

    /** A PDF header, a line of text and padding, so that an upload takes several progress events. */
    public static byte[] pdf(String text, int paddingBytes) {
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n% ").append(text).append('\n');
        String line = "% padding padding padding padding padding padding padding padding padding\n";
        while (pdf.length() < paddingBytes) {
            pdf.append(line);
        }
        return pdf.append("%%EOF\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The same file with one byte changed in its middle. */
    static byte[] altered(byte[] original) {
        byte[] copy = original.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
