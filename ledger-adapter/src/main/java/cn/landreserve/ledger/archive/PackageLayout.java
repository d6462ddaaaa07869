package cn.landreserve.ledger.archive;

import java.util.Locale;
import java.util.regex.Pattern;

/** Where each part of an archive package lives (docs/archive-package.md). Entry names never carry user text. */
public final class PackageLayout {
    /** The manifest's {@code format}. */
    public static final String FORMAT = "landreserve-archive-package/1";
    /** Every entry but itself and its token, with SHA-256, SM3 and size. */
    public static final String MANIFEST = "manifest.json";
    /** The manifest's RFC 3161 timestamp token (DER CMS SignedData), over the exact bytes of {@link #MANIFEST}. */
    public static final String MANIFEST_TOKEN = "timestamps/manifest.tst";
    /** The seal's RFC 3161 timestamp token, over the exact state value the ledger holds for the seal. */
    public static final String SEAL_TOKEN = "timestamps/seal.tst";
    /** The certificates the time-stamping authority sent with its tokens (informative: pin your own). */
    public static final String TSA_CERTIFICATES = "timestamps/tsa-certificates.pem";
    /** The manifest rendered as XML in the spirit of DA/T 48 (an encapsulation description). */
    public static final String MANIFEST_XML = "manifest.xml";
    /** The ledger's trust bundle when the package was built (informative: pin your own). */
    public static final String TRUST_BUNDLE = "trust-bundle.pem";
    /** Every version of the project's facts and the project's row, as JSON. */
    public static final String PROJECT = "metadata/project.json";
    /** Every document version: where its file is, its stage, type, classification and original file name. */
    public static final String DOCUMENTS = "metadata/documents.json";
    /** Every ledger record the seal covers, in ledger order, with its receipt's path. */
    public static final String EVIDENCE = "metadata/evidence.json";
    /** The lifecycle's stage rules and user tasks when the package was built: what "integral" is checked against. */
    public static final String REQUIREMENTS = "metadata/requirements.json";
    /** The evidence timeline. */
    public static final String TIMELINE = "metadata/timeline.json";
    /** The 四性检测 report the service made when it built the package. */
    public static final String REPORT_JSON = "report/four-properties.json";
    /** The same report as a printable zh-CN page. */
    public static final String REPORT_HTML = "report/four-properties.html";

    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private PackageLayout() {
    }

    /** The receipt of a piece of evidence. */
    public static String receipt(String evidenceId) {
        return "receipts/" + safe(evidenceId) + ".receipt.json";
    }

    /** A document version's file: its evidence id and an extension from its media type. */
    public static String file(String evidenceId, String mediaType) {
        return "files/" + safe(evidenceId) + extension(mediaType);
    }

    /** Whether an entry is the manifest or its token: the only entries the manifest cannot list. */
    public static boolean outsideManifest(String name) {
        return MANIFEST.equals(name) || MANIFEST_TOKEN.equals(name);
    }

    static String safe(String id) {
        return SAFE.matcher(id).replaceAll("_");
    }

    static String extension(String mediaType) {
        return switch (mediaType.toLowerCase(Locale.ROOT)) {
            case MediaChecks.PDF -> ".pdf";
            case MediaChecks.OFD -> ".ofd";
            case MediaChecks.PNG -> ".png";
            case MediaChecks.JPEG -> ".jpg";
            case MediaChecks.TIFF -> ".tif";
            case MediaChecks.DOCX -> ".docx";
            case MediaChecks.XLSX -> ".xlsx";
            case MediaChecks.PPTX -> ".pptx";
            case MediaChecks.DOC -> ".doc";
            case MediaChecks.XLS -> ".xls";
            case MediaChecks.PPT -> ".ppt";
            case MediaChecks.ZIP -> ".zip";
            case MediaChecks.GEOJSON -> ".geojson";
            case MediaChecks.CSV -> ".csv";
            case MediaChecks.TEXT -> ".txt";
            default -> ".bin";
        };
    }
}
