package cn.landreserve.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The two digests kept for every document: SHA-256 (FIPS 180-4) and SM3 (GB/T 32905-2016), as lower-case hex.
 */
public record Digests(String sha256Hex, String sm3Hex) {

    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    public Digests {
        sha256Hex = normalise(sha256Hex, "sha256Hex");
        sm3Hex = normalise(sm3Hex, "sm3Hex");
    }

    /** Computes both digests of everything left in {@code in} (which is read to its end but not closed). */
    public static Digests of(InputStream in) throws IOException {
        DualDigest digest = new DualDigest();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
        }
        return digest.finish();
    }

    /** Computes both digests of {@code bytes}. */
    public static Digests of(byte[] bytes) {
        DualDigest digest = new DualDigest();
        digest.update(bytes, 0, bytes.length);
        return digest.finish();
    }

    private static String normalise(String hex, String name) {
        Objects.requireNonNull(hex, name);
        String lower = hex.toLowerCase(Locale.ROOT);
        if (!HEX_256.matcher(lower).matches()) {
            throw new IllegalArgumentException(name + " must be 64 hex digits, got '" + hex + "'");
        }
        return lower;
    }
}
