package cn.landreserve.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/**
 * Detects a document's media type from its first bytes only (never from the file name or the client's
 * claim) and says whether it is on the allow-list.
 *
 * <p>Tika's magic detection handles PDF, images and OLE2; ZIP containers are told apart by reading their first
 * local file headers (OFD.xml → OFD; [Content_Types].xml → OOXML, refined by its main part type or the
 * {@code word/ xl/ ppt/} entry names); text is classified as GeoJSON, CSV or plain text.
 */
final class MediaTypes {

    /** How many leading bytes detection may look at. */
    static final int PREFIX = 64 * 1024;

    static final String PDF = "application/pdf";
    static final String OFD = "application/ofd";
    static final String TIFF = "image/tiff";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    static final String OOXML = "application/x-tika-ooxml";
    static final String DOC = "application/msword";
    static final String XLS = "application/vnd.ms-excel";
    static final String PPT = "application/vnd.ms-powerpoint";
    static final String OLE2 = "application/x-tika-msoffice";
    static final String ZIP = "application/zip";
    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain";
    static final String CSV = "text/csv";

    static final Set<String> ALLOWED = Set.of(
            PDF, OFD, TIFF, PNG, JPEG, DOCX, XLSX, PPTX, DOC, XLS, PPT, OLE2, ZIP, GEOJSON, TEXT, CSV);

    private static final Pattern GEOJSON_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(FeatureCollection|Feature)\"");

    private MediaTypes() {}

    static boolean allowed(String mediaType) {
        return ALLOWED.contains(mediaType);
    }

    /**
     * @param bytes the first bytes of the content, {@code bytes[0, length)}, at most {@link #PREFIX} used
     */
    static String detect(byte[] bytes, int length) {
        int n = Math.min(length, PREFIX);
        if (n >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return zipFlavour(bytes, n);
        }
        String magic = tika(bytes, n);
        switch (magic) {
            case PDF, TIFF, PNG, JPEG, ZIP:
                return magic;
            case OLE2:
                return ole2Flavour(bytes, n);
            default:
                break;
        }
        // Only what Tika calls plain text (or cannot name) is classified further; HTML, XML, scripts are refused.
        if (TEXT.equals(magic) || JSON.equals(magic) || "application/octet-stream".equals(magic)) {
            if (looksLikeText(bytes, n)) {
                return textFlavour(bytes, n);
            }
        }
        return magic;
    }

    private static String tika(byte[] bytes, int n) {
        try {
            return MimeTypes.getDefaultMimeTypes().detect(new ByteArrayInputStream(bytes, 0, n), new Metadata())
                    .getBaseType().toString();
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    // --- ZIP ------------------------------------------------------------------------------------------------------

    /** Walks the local file headers that lie inside the prefix. */
    private static String zipFlavour(byte[] b, int n) {
        boolean ooxml = false;
        String fromNames = null;
        int pos = 0;
        for (int entries = 0; entries < 64 && pos + 30 <= n && le32(b, pos) == 0x04034b50; entries++) {
            int flags = le16(b, pos + 6);
            int method = le16(b, pos + 8);
            long compressed = le32(b, pos + 18) & 0xffffffffL;
            int nameLength = le16(b, pos + 26);
            int extraLength = le16(b, pos + 28);
            int dataStart = pos + 30 + nameLength + extraLength;
            if (dataStart > n) {
                break;
            }
            String name = new String(b, pos + 30, nameLength, StandardCharsets.UTF_8);
            if ("OFD.xml".equals(name) || "OFD.xml".equalsIgnoreCase(name)) {
                return OFD;
            }
            if (name.startsWith("word/")) {
                fromNames = fromNames == null ? DOCX : fromNames;
            } else if (name.startsWith("xl/")) {
                fromNames = fromNames == null ? XLSX : fromNames;
            } else if (name.startsWith("ppt/")) {
                fromNames = fromNames == null ? PPTX : fromNames;
            }
            boolean sizeKnown = (flags & 0x08) == 0 || compressed != 0;
            if ("[Content_Types].xml".equals(name)) {
                ooxml = true;
                String main = contentTypesMainPart(b, dataStart, n, method, sizeKnown ? compressed : -1);
                if (main != null) {
                    return main;
                }
            }
            long next;
            if (sizeKnown) {
                next = dataStart + compressed;
            } else if (method == 8) {
                next = endOfDeflate(b, dataStart, n);
                if (next < 0) {
                    break;
                }
                // data descriptor: optional signature, CRC, sizes (assume 32-bit sizes; ZIP64 entries stop the walk)
                next += le32(b, (int) Math.min(next, n - 4)) == 0x08074b50 ? 16 : 12;
            } else {
                break;
            }
            if (next > n - 4) {
                break;
            }
            pos = (int) next;
        }
        if (ooxml || fromNames != null) {
            return fromNames != null ? fromNames : OOXML;
        }
        return ZIP;
    }

    private static String contentTypesMainPart(byte[] b, int start, int n, int method, long compressed) {
        String xml;
        int available = (int) Math.min(n - start, compressed < 0 ? Integer.MAX_VALUE : compressed);
        if (method == 0) {
            xml = new String(b, start, available, StandardCharsets.UTF_8);
        } else if (method == 8) {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(b, start, available);
                byte[] out = new byte[PREFIX];
                int produced = inflater.inflate(out);
                xml = new String(out, 0, produced, StandardCharsets.UTF_8);
            } catch (DataFormatException e) {
                return null;
            } finally {
                inflater.end();
            }
        } else {
            return null;
        }
        if (xml.contains("wordprocessingml.document.main") || xml.contains("wordprocessingml.template.main")) {
            return DOCX;
        }
        if (xml.contains("spreadsheetml.sheet.main") || xml.contains("spreadsheetml.template.main")) {
            return XLSX;
        }
        if (xml.contains("presentationml.presentation.main") || xml.contains("presentationml.slideshow.main")) {
            return PPTX;
        }
        return null;
    }

    private static long endOfDeflate(byte[] b, int start, int n) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(b, start, n - start);
            byte[] sink = new byte[8192];
            while (!inflater.finished()) {
                if (inflater.inflate(sink) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return -1;
                }
            }
            return start + (long) (n - start - inflater.getRemaining());
        } catch (DataFormatException e) {
            return -1;
        } finally {
            inflater.end();
        }
    }

    // --- OLE2 -----------------------------------------------------------------------------------------------------

    /** Looks for the stream names of the directory entries, stored in UTF-16LE, within the prefix. */
    private static String ole2Flavour(byte[] b, int n) {
        if (contains(b, n, utf16("WordDocument"))) {
            return DOC;
        }
        if (contains(b, n, utf16("Workbook")) || contains(b, n, utf16("Book\0"))) {
            return XLS;
        }
        if (contains(b, n, utf16("PowerPoint Document"))) {
            return PPT;
        }
        return OLE2;
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    private static boolean contains(byte[] b, int n, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // --- text -----------------------------------------------------------------------------------------------------

    /**
     * Text in any ASCII-compatible encoding (UTF-8, GB18030/GBK): no NUL bytes and almost no other control
     * characters besides tab, CR, LF and form feed.
     */
    private static boolean looksLikeText(byte[] b, int n) {
        int controls = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b || c == 0x7f) {
                controls++;
            }
        }
        return controls * 100 <= n; // at most 1 %
    }

    private static String textFlavour(byte[] b, int n) {
        String text = new String(b, 0, n, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            return GEOJSON_TYPE.matcher(trimmed).find() ? GEOJSON : JSON;
        }
        if (trimmed.startsWith("[") && trimmed.substring(1).stripLeading().startsWith("{")) {
            return JSON;
        }
        return looksLikeCsv(text) ? CSV : TEXT;
    }

    /** At least two lines, each with the same number (>= 1) of commas outside double quotes. */
    private static boolean looksLikeCsv(String text) {
        String[] lines = text.split("\r?\n", 21);
        int checked = 0;
        int expected = -1;
        int usable = lines.length > 20 ? 20 : lines.length; // the 21st holds the rest, possibly cut short
        if (usable > 1 && !text.endsWith("\n")) {
            usable--; // the last line may be cut short by the prefix
        }
        for (int i = 0; i < usable; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            int commas = separators(lines[i]);
            if (commas == 0 || (expected >= 0 && commas != expected)) {
                return false;
            }
            expected = commas;
            checked++;
        }
        return checked >= 2;
    }

    private static int separators(String line) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static int le32(byte[] b, int i) {
        return le16(b, i) | le16(b, i + 2) << 16;
    }
}
