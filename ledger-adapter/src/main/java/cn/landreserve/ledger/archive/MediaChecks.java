package cn.landreserve.ledger.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Usability (可用性: the file opens as its media type) and security (安全性: not encrypted, no active content) of
 * one file, by media type: PDF (PDFBox: parsed, every page's text extracted; encryption, JavaScript, launch
 * actions, document actions, XFA and embedded files looked for), OFD (its ZIP container, {@code OFD.xml} and the
 * document root it names parsed as XML; encryption entries), PNG/JPEG/TIFF (decoded by the JDK's image readers, a
 * region at most 256×256 from the top left), Office Open XML (content types and the main part parsed; VBA macros and
 * ActiveX), legacy Office (compound-file header and directory names only: encryption and macro streams), ZIP
 * (every entry inflated and CRC-checked; encrypted entries), GeoJSON (structure and coordinates), CSV (UTF-8 or
 * GB18030, RFC 4180, one column count; cells starting with {@code =} are formulas, active content) and plain text.
 */
public final class MediaChecks {
    public static final String PDF = "application/pdf";
    public static final String OFD = "application/ofd";
    public static final String TIFF = "image/tiff";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public static final String DOC = "application/msword";
    public static final String XLS = "application/vnd.ms-excel";
    public static final String PPT = "application/vnd.ms-powerpoint";
    public static final String OLE2 = "application/x-tika-msoffice";
    public static final String ZIP = "application/zip";
    public static final String GEOJSON = "application/geo+json";
    public static final String CSV = "text/csv";
    public static final String TEXT = "text/plain";

    /** Check codes. */
    public static final String USABLE = "OPENS_AS_MEDIA_TYPE";
    public static final String NOT_ENCRYPTED = "NOT_ENCRYPTED";
    public static final String NO_ACTIVE_CONTENT = "NO_ACTIVE_CONTENT";

    private static final int IMAGE_REGION = 256;
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
        0x1A, (byte) 0xE1};
    private static final Set<String> GEOMETRIES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MediaChecks() {
    }

    /** What one file showed: the usability finding and the two security findings. */
    private record Outcome(String usable, String unusable, String encrypted, String active) {
    }

    /**
     * Checks one file.
     *
     * @param subject the name to report (the package entry)
     * @param mediaType the file's media type as recorded on the ledger
     * @param file the bytes
     * @return three findings: {@value #USABLE}, {@value #NOT_ENCRYPTED}, {@value #NO_ACTIVE_CONTENT}
     */
    public static List<Finding> check(String subject, String mediaType, Path file) {
        Outcome o;
        String type = mediaType.toLowerCase(Locale.ROOT);
        try {
            o = switch (type) {
                case PDF -> pdf(file);
                case OFD -> ofd(file);
                case PNG, JPEG, TIFF -> image(file, type);
                case DOCX, XLSX, PPTX -> ooxml(file, type);
                case DOC, XLS, PPT, OLE2 -> ole2(file);
                case ZIP -> zip(file);
                case GEOJSON -> geoJson(file);
                case CSV -> csv(file);
                case TEXT -> text(file);
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            o = new Outcome(null, "cannot be opened as " + mediaType + ": " + e, null, null);
        }
        List<Finding> out = new ArrayList<>(3);
        if (o == null) {
            out.add(new Finding(Property.USABILITY, USABLE, subject, Finding.Status.NOT_CHECKED,
                    "no reader for media type " + mediaType));
            out.add(new Finding(Property.SECURITY, NOT_ENCRYPTED, subject, Finding.Status.NOT_CHECKED,
                    "no reader for media type " + mediaType));
            out.add(new Finding(Property.SECURITY, NO_ACTIVE_CONTENT, subject, Finding.Status.NOT_CHECKED,
                    "no reader for media type " + mediaType));
            return out;
        }
        out.add(o.unusable == null ? Finding.pass(Property.USABILITY, USABLE, subject, o.usable)
                : Finding.fail(Property.USABILITY, USABLE, subject, o.unusable));
        out.add(o.encrypted == null ? Finding.pass(Property.SECURITY, NOT_ENCRYPTED, subject, "not encrypted")
                : Finding.fail(Property.SECURITY, NOT_ENCRYPTED, subject, o.encrypted));
        out.add(o.active == null ? Finding.pass(Property.SECURITY, NO_ACTIVE_CONTENT, subject, "no active content")
                : Finding.fail(Property.SECURITY, NO_ACTIVE_CONTENT, subject, o.active));
        return out;
    }

    // --- PDF -----------------------------------------------------------------------------------------------------

    private static Outcome pdf(Path file) throws IOException {
        PDDocument doc;
        try {
            doc = Loader.loadPDF(file.toFile());
        } catch (InvalidPasswordException e) {
            return new Outcome(null, "the PDF needs a password to open", "the PDF is encrypted with a user password",
                    null);
        }
        try (doc) {
            String encrypted = doc.isEncrypted() ? "the PDF is encrypted (owner password: "
                    + "printing, copying or changing may be restricted)" : null;
            int pages = doc.getNumberOfPages();
            String unusable = null;
            if (pages < 1) {
                unusable = "the PDF has no pages";
            } else {
                new PDFTextStripper().getText(doc); // every page's content streams decoded and interpreted
            }
            List<String> active = new ArrayList<>();
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            PDDocumentNameDictionary names = catalog.getNames();
            if (names != null && names.getJavaScript() != null && names.getJavaScript().getNames() != null
                    && !names.getJavaScript().getNames().isEmpty()) {
                active.add("document JavaScript");
            }
            if (names != null && names.getEmbeddedFiles() != null) {
                active.add("embedded files");
            }
            if (catalog.getOpenAction() instanceof PDAction action && activeAction(action)) {
                active.add("an open action running " + action.getSubType());
            }
            if (catalog.getCOSObject().containsKey(org.apache.pdfbox.cos.COSName.AA)) {
                active.add("document additional actions");
            }
            PDAcroForm form = catalog.getAcroForm(null);
            if (form != null && form.hasXFA()) {
                active.add("an XFA form");
            }
            int page = 0;
            for (PDPage p : doc.getPages()) {
                page++;
                if (p.getCOSObject().containsKey(org.apache.pdfbox.cos.COSName.AA)) {
                    active.add("page " + page + " additional actions");
                }
                for (PDAnnotation a : p.getAnnotations()) {
                    if (a instanceof PDAnnotationLink link && link.getAction() != null && activeAction(link.getAction())) {
                        active.add("page " + page + " link running " + link.getAction().getSubType());
                    }
                }
            }
            return new Outcome("PDF " + doc.getVersion() + ", " + pages + " page(s), text extracted", unusable,
                    encrypted, active.isEmpty() ? null : "the PDF holds " + String.join(", ", active));
        }
    }

    private static boolean activeAction(PDAction action) {
        return action instanceof PDActionJavaScript || action instanceof PDActionLaunch;
    }

    // --- OFD (GB/T 33190) ----------------------------------------------------------------------------------------

    private static Outcome ofd(Path file) throws IOException {
        String encrypted = encryptedEntries(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry root = zip.getEntry("OFD.xml");
            if (root == null) {
                return new Outcome(null, "the OFD container has no OFD.xml", encrypted, null);
            }
            Document ofd = parseXml(zip.getInputStream(root));
            if (!"OFD".equals(ofd.getDocumentElement().getLocalName())) {
                return new Outcome(null, "OFD.xml's root element is " + ofd.getDocumentElement().getLocalName()
                        + ", not OFD", encrypted, null);
            }
            var docRoots = ofd.getElementsByTagNameNS("*", "DocRoot");
            if (docRoots.getLength() == 0) {
                return new Outcome(null, "OFD.xml names no DocRoot", encrypted, null);
            }
            String docRoot = docRoots.item(0).getTextContent().trim().replaceFirst("^/", "");
            ZipEntry document = zip.getEntry(docRoot);
            if (document == null) {
                return new Outcome(null, "the document root " + docRoot + " is missing", encrypted, null);
            }
            parseXml(zip.getInputStream(document));
            boolean encryptions = zip.stream().anyMatch(e -> e.getName().toLowerCase(Locale.ROOT).contains("encrypt"));
            if (encrypted == null && encryptions) {
                encrypted = "the OFD container holds encryption descriptions";
            }
            return new Outcome("OFD, document root " + docRoot + " parsed", null, encrypted, null);
        } catch (SAXException e) {
            return new Outcome(null, "an OFD part is not well-formed XML: " + e.getMessage(), encrypted, null);
        }
    }

    // --- images --------------------------------------------------------------------------------------------------

    private static Outcome image(Path file, String type) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (in == null || !readers.hasNext()) {
                return new Outcome(null, "no image reader for " + type, null, null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle(0, 0, Math.min(width, IMAGE_REGION), Math.min(height, IMAGE_REGION)));
                reader.read(0, param);
                return new Outcome(type + " " + width + "×" + height + ", decoded", null, null, null);
            } finally {
                reader.dispose();
            }
        }
    }

    // --- Office --------------------------------------------------------------------------------------------------

    private static Outcome ooxml(Path file, String type) throws IOException {
        String encrypted = encryptedEntries(file);
        String main = switch (type) {
            case DOCX -> "word/document.xml";
            case XLSX -> "xl/workbook.xml";
            default -> "ppt/presentation.xml";
        };
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            ZipEntry part = zip.getEntry(main);
            if (types == null || part == null) {
                return new Outcome(null, "the package lacks " + (types == null ? "[Content_Types].xml" : main),
                        encrypted, null);
            }
            parseXml(zip.getInputStream(types));
            parseXml(zip.getInputStream(part));
            List<String> active = new ArrayList<>();
            zip.stream().map(ZipEntry::getName).forEach(n -> {
                String lower = n.toLowerCase(Locale.ROOT);
                if (lower.endsWith("vbaproject.bin")) {
                    active.add("VBA macros (" + n + ")");
                } else if (lower.contains("/activex/")) {
                    active.add("ActiveX controls (" + n + ")");
                }
            });
            return new Outcome("Office Open XML, " + main + " parsed", null, encrypted,
                    active.isEmpty() ? null : "the document holds " + String.join(", ", active));
        } catch (SAXException e) {
            return new Outcome(null, "a part is not well-formed XML: " + e.getMessage(), encrypted, null);
        }
    }

    private static Outcome ole2(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(OLE2_MAGIC.length);
        }
        if (!java.util.Arrays.equals(head, OLE2_MAGIC)) {
            return new Outcome(null, "not a compound file (no OLE2 signature)", null, null);
        }
        // Directory entry names are stored in UTF-16LE; these are the names the formats give their encryption
        // and macro streams. Only names are read, not the streams.
        String names = new String(Files.readAllBytes(file), StandardCharsets.UTF_16LE);
        String encrypted = names.contains("EncryptionInfo") || names.contains("EncryptedPackage")
                ? "the compound file holds an encrypted package" : null;
        String active = names.contains("_VBA_PROJECT") || names.contains("Macros") ? "the compound file holds VBA macros"
                : null;
        return new Outcome("compound file (OLE2) header and directory names read; contents not rendered", null,
                encrypted, active);
    }

    // --- ZIP -----------------------------------------------------------------------------------------------------

    private static Outcome zip(Path file) throws IOException {
        String encrypted = encryptedEntries(file);
        if (encrypted != null) {
            return new Outcome(null, "encrypted entries cannot be read", encrypted, null);
        }
        long entries = 0;
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries++;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                }
            }
        }
        return new Outcome("ZIP, " + entries + " entries inflated (" + bytes + " bytes), sizes and CRCs match", null,
                null, null);
    }

    private static String encryptedEntries(Path file) throws IOException {
        List<String> encrypted = ZipDirectory.read(file).stream().filter(ZipDirectory.Entry::encrypted)
                .map(ZipDirectory.Entry::name).toList();
        return encrypted.isEmpty() ? null : "encrypted entries: " + String.join(", ", encrypted);
    }

    // --- GeoJSON (RFC 7946) --------------------------------------------------------------------------------------

    private static Outcome geoJson(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        String problem = geoJsonObject(root, "$");
        long features = root.path("features").size();
        return new Outcome("GeoJSON " + root.path("type").asText()
                + (root.has("features") ? ", " + features + " feature(s)" : ""), problem, null, null);
    }

    private static String geoJsonObject(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            return at + " is not an object";
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "FeatureCollection" -> {
                if (!node.path("features").isArray()) {
                    return at + ".features is not an array";
                }
                for (int i = 0; i < node.get("features").size(); i++) {
                    String p = geoJsonObject(node.get("features").get(i), at + ".features[" + i + "]");
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
            case "Feature" -> {
                JsonNode geometry = node.get("geometry");
                if (geometry == null) {
                    return at + " has no geometry member";
                }
                return geometry.isNull() ? null : geoJsonObject(geometry, at + ".geometry");
            }
            case "GeometryCollection" -> {
                if (!node.path("geometries").isArray()) {
                    return at + ".geometries is not an array";
                }
                for (int i = 0; i < node.get("geometries").size(); i++) {
                    String p = geoJsonObject(node.get("geometries").get(i), at + ".geometries[" + i + "]");
                    if (p != null) {
                        return p;
                    }
                }
                return null;
            }
            default -> {
                if (!GEOMETRIES.contains(type)) {
                    return at + " has type '" + type + "', not a GeoJSON type";
                }
                int depth = switch (type) {
                    case "Point" -> 1;
                    case "MultiPoint", "LineString" -> 2;
                    case "MultiLineString", "Polygon" -> 3;
                    default -> 4;
                };
                return positions(node.get("coordinates"), depth, at + ".coordinates");
            }
        }
    }

    private static String positions(JsonNode node, int depth, String at) {
        if (node == null || !node.isArray()) {
            return at + " is not an array";
        }
        if (depth == 1) {
            if (node.size() < 2 || node.size() > 3) {
                return at + " is not a position of 2 or 3 numbers";
            }
            for (JsonNode n : node) {
                if (!n.isNumber()) {
                    return at + " holds a non-number";
                }
            }
            return null;
        }
        for (int i = 0; i < node.size(); i++) {
            String p = positions(node.get(i), depth - 1, at + "[" + i + "]");
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    // --- CSV and text --------------------------------------------------------------------------------------------

    private static Outcome csv(Path file) throws IOException {
        Decoded text = decode(file);
        if (text.text == null) {
            return new Outcome(null, "neither UTF-8 nor GB18030 text", null, null);
        }
        int columns = -1;
        long rows = 0;
        List<String> formulas = new ArrayList<>();
        try (Reader in = new StringReader(text.text)) {
            for (CSVRecord record : CSVFormat.RFC4180.parse(in)) {
                rows++;
                if (columns < 0) {
                    columns = record.size();
                } else if (record.size() != columns) {
                    return new Outcome(null, "row " + rows + " has " + record.size() + " columns, the first has "
                            + columns, null, null);
                }
                for (int c = 0; c < record.size(); c++) {
                    if (record.get(c).startsWith("=") && formulas.size() < 3) {
                        formulas.add("row " + rows + " column " + (c + 1));
                    }
                }
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            return new Outcome(null, "not RFC 4180 CSV: " + e.getMessage(), null, null);
        }
        return new Outcome("CSV (" + text.charset + "), " + rows + " rows × " + columns + " columns", null, null,
                formulas.isEmpty() ? null : "spreadsheet formulas at " + String.join(", ", formulas));
    }

    private static Outcome text(Path file) throws IOException {
        Decoded text = decode(file);
        return text.text == null ? new Outcome(null, "neither UTF-8 nor GB18030 text", null, null)
                : new Outcome("text (" + text.charset + "), " + text.text.length() + " characters", null, null, null);
    }

    private record Decoded(String text, String charset) {
    }

    private static Decoded decode(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            try {
                String s = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return new Decoded(s, charset.name());
            } catch (CharacterCodingException e) {
                // try the next
            }
        }
        return new Decoded(null, null);
    }

    // --- XML -----------------------------------------------------------------------------------------------------

    private static Document parseXml(InputStream in) throws IOException, SAXException {
        try (in) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(in);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured securely", e);
        }
    }
}
