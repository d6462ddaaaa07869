package cn.landreserve.documents;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Original file names: kept exactly as given, but carried in S3 user metadata percent-encoded (RFC 5987
 * {@code attr-char} set over UTF-8) so that any name, Chinese included, survives the ASCII-only header.
 */
final class FileNames {

    /** Longest encoded name kept; S3 allows 2 KiB of user metadata in all. */
    static final int MAX_ENCODED = 1024;

    private FileNames() {}

    /** Percent-encodes every byte outside RFC 5987's attr-char. */
    static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() * 3);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAttrChar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Reverses {@link #encode}; malformed escapes are kept literally. */
    static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()
                    && Character.digit(encoded.charAt(i + 1), 16) >= 0 && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(encoded.charAt(i + 1), 16) << 4 | Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The name to keep: as given, except that one too long to fit the metadata is shortened in the middle of its
     * base name, keeping the extension. A blank name becomes "unnamed".
     */
    static String keepable(String name) {
        if (name == null || name.isBlank()) {
            return "unnamed";
        }
        if (encode(name).length() <= MAX_ENCODED) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String base = name.substring(0, name.length() - extension.length());
        int[] cps = base.codePoints().toArray();
        int keep = cps.length;
        String candidate;
        do {
            keep = keep * 9 / 10;
            candidate = new String(cps, 0, keep) + "…" + extension;
        } while (encode(candidate).length() > MAX_ENCODED && keep > 0);
        return candidate;
    }

    static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
