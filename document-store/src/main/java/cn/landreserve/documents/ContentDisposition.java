package cn.landreserve.documents;

/**
 * Builds a safe {@code Content-Disposition} header value for downloading a stored document under its
 * original name: {@code attachment; filename="ascii-fallback"; filename*=UTF-8''percent-encoded} (RFC 6266,
 * RFC 5987). Control characters, quotes, backslashes and path separators are removed first, and only the
 * last path segment is kept, so a name can neither break the header nor point outside the download folder.
 */
public final class ContentDisposition {

    private ContentDisposition() {}

    /** The header value for downloading as an attachment named after {@code originalFileName}. */
    public static String attachment(String originalFileName) {
        String name = sanitize(originalFileName);
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + FileNames.encode(name);
    }

    /**
     * The name with control and format characters, quotes, backslashes and slashes removed, the last path
     * segment only, no leading dots, at most 200 characters; "download" when nothing is left.
     */
    public static String sanitize(String originalFileName) {
        if (originalFileName == null) {
            return "download";
        }
        String s = originalFileName;
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(cut + 1);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean unsafe = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || cp == '"' || cp == '\\' || cp == '/';
            if (!unsafe) {
                out.appendCodePoint(cp);
            }
        });
        String cleaned = out.toString().strip();
        while (cleaned.startsWith(".")) {
            cleaned = cleaned.substring(1);
        }
        if (cleaned.codePointCount(0, cleaned.length()) > 200) {
            cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, 200));
        }
        return cleaned.isBlank() ? "download" : cleaned;
    }

    /** Printable ASCII only; every other character becomes '_', keeping the extension readable. */
    static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> out.append(cp >= 0x20 && cp < 0x7f ? (char) cp : '_'));
        return out.toString();
    }
}
