package cn.landreserve.ledger.archive;

import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.ProjectSeal;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.chaincode.StoredEvidence;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptFormatException;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.ledger.receipt.Verdict;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.crypto.digests.SM3Digest;

/**
 * Checks an archive package offline — nothing but the package, the ledger's trust bundle and the TSA certificate —
 * and reports the 四性检测 item by item:
 * <ul>
 * <li>authenticity: every entry's SHA-256, SM3 and size equal the manifest's; the manifest's and the seal's timestamp
 * tokens cover their exact bytes and verify with the pinned TSA certificate; every receipt verifies against the
 * pinned trust bundle and belongs to this project; every file's digests equal its ledger record; the metadata
 * equals the ledger's records;</li>
 * <li>integrity: nothing listed is missing and nothing unlisted is present; the seal's root, recomputed from the
 * receipts' records, is the sealed root (so the package holds exactly what the seal covers); every required
 * document of every stage, and a decision for every user task;</li>
 * <li>usability and security: {@link MediaChecks} on every file; each file's classification recorded.</li>
 * </ul>
 * Every check runs even after another failed, so a report names everything that is wrong.
 */
public final class PackageVerifier {

    private static final HexFormat HEX = HexFormat.of();
    private static final Set<String> CLASSIFICATIONS = Set.of("PUBLIC", "INTERNAL", "SENSITIVE");

    private final ReceiptVerifier receipts;
    private final TimestampVerifier timestamps;

    /**
     * @param receipts checks each receipt (pinned to the trust bundle, or unpinned)
     * @param timestamps checks the timestamp tokens (pinned to the TSA certificate, or unpinned)
     */
    public PackageVerifier(ReceiptVerifier receipts, TimestampVerifier timestamps) {
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    }

    /** Verifies a package ZIP. */
    public FourPropertiesReport verify(Path zip) {
        Run run = new Run();
        String projectId = "?";
        try (PackageContents.Zip contents = (PackageContents.Zip) PackageContents.zip(zip)) {
            for (String duplicate : contents.duplicates()) {
                run.fail(Property.INTEGRITY, "DUPLICATE_ENTRY", duplicate, "the entry is stored more than once");
            }
            PackageManifest manifest = manifest(contents, run);
            if (manifest != null) {
                projectId = manifest.projectId();
                entries(contents, manifest, run);
                contents(contents, manifest.projectId(), manifest, run);
            }
        } catch (IOException | RuntimeException e) {
            run.fail(Property.INTEGRITY, "PACKAGE", zip.getFileName().toString(), "cannot be read as a ZIP package: " + e);
        }
        return run.report(projectId);
    }

    /**
     * The checks of a package's contents that do not depend on its manifest, for the service to run before it writes
     * the manifest (and the report) of a package it builds.
     */
    public FourPropertiesReport checkContents(PackageContents contents, String projectId) {
        Run run = new Run();
        try {
            contents(contents, projectId, null, run);
        } catch (IOException | RuntimeException e) {
            run.fail(Property.INTEGRITY, "PACKAGE", "(contents)", "cannot be read: " + e);
        }
        return run.report(projectId);
    }

    // --- manifest and entries ------------------------------------------------------------------------------------

    private PackageManifest manifest(PackageContents contents, Run run) throws IOException {
        if (!contents.names().contains(PackageLayout.MANIFEST)) {
            run.fail(Property.INTEGRITY, "MANIFEST", PackageLayout.MANIFEST, "the package has no manifest");
            return null;
        }
        byte[] bytes = contents.read(PackageLayout.MANIFEST);
        if (!contents.names().contains(PackageLayout.MANIFEST_TOKEN)) {
            run.fail(Property.AUTHENTICITY, "MANIFEST_TIMESTAMP", PackageLayout.MANIFEST_TOKEN,
                    "the manifest has no timestamp token");
        } else {
            run.timestamp("MANIFEST_TIMESTAMP", PackageLayout.MANIFEST_TOKEN,
                    timestamps.verify(contents.read(PackageLayout.MANIFEST_TOKEN), bytes), PackageLayout.MANIFEST);
        }
        PackageManifest manifest;
        try {
            manifest = PackageManifest.parse(bytes);
        } catch (IOException e) {
            run.fail(Property.INTEGRITY, "MANIFEST", PackageLayout.MANIFEST, "not a readable manifest: "
                    + e.getMessage());
            return null;
        }
        if (!PackageLayout.FORMAT.equals(manifest.format())) {
            run.fail(Property.INTEGRITY, "MANIFEST", PackageLayout.MANIFEST, "format is " + manifest.format()
                    + ", not " + PackageLayout.FORMAT);
            return null;
        }
        run.pass(Property.INTEGRITY, "MANIFEST", PackageLayout.MANIFEST, manifest.entries().size()
                + " entries listed for project " + manifest.projectId() + " (" + manifest.projectCode() + ")");
        return manifest;
    }

    private void entries(PackageContents contents, PackageManifest manifest, Run run) throws IOException {
        Set<String> present = new HashSet<>(contents.names());
        Set<String> listed = new HashSet<>();
        for (PackageManifest.Entry e : manifest.entries()) {
            if (!listed.add(e.path()) || PackageLayout.outsideManifest(e.path())) {
                run.fail(Property.INTEGRITY, "MANIFEST", e.path(), "listed twice, or an entry the manifest cannot list");
                continue;
            }
            if (!present.contains(e.path())) {
                run.fail(Property.INTEGRITY, "ENTRY_PRESENT", e.path(), "listed in the manifest, missing from the package");
                continue;
            }
            Digest d;
            try (InputStream in = contents.open(e.path())) {
                d = Digest.of(in);
            }
            if (d.sha256.equals(e.sha256()) && d.sm3.equals(e.sm3()) && d.size == e.size()) {
                run.pass(Property.AUTHENTICITY, "ENTRY_DIGEST", e.path(), "SHA-256, SM3 and size as in the manifest");
            } else {
                run.fail(Property.AUTHENTICITY, "ENTRY_DIGEST", e.path(), "the bytes are not those the manifest lists:"
                        + " manifest SHA-256 " + e.sha256() + " size " + e.size() + ", found SHA-256 " + d.sha256
                        + " size " + d.size);
            }
        }
        for (String name : contents.names()) {
            if (!listed.contains(name) && !PackageLayout.outsideManifest(name) && !name.endsWith("/")) {
                run.fail(Property.INTEGRITY, "UNLISTED_ENTRY", name, "in the package but not in the manifest");
            }
        }
    }

    // --- contents ------------------------------------------------------------------------------------------------

    private void contents(PackageContents contents, String projectId, PackageManifest manifest, Run run)
            throws IOException {
        List<String> names = contents.names();
        Map<String, StoredEvidence> records = new LinkedHashMap<>();
        Map<String, byte[]> stateValues = new HashMap<>();
        for (String name : names) {
            if (name.startsWith("receipts/") && name.endsWith(".receipt.json")) {
                receipt(contents, name, projectId, records, stateValues, run);
            }
        }
        seal(contents, records, stateValues, manifest, run);
        documents(contents, records, run);
        requirements(contents, records, run);
    }

    private void receipt(PackageContents contents, String name, String projectId, Map<String, StoredEvidence> records,
            Map<String, byte[]> stateValues, Run run) throws IOException {
        Receipt receipt;
        try {
            receipt = Receipt.parse(new String(contents.read(name), StandardCharsets.UTF_8));
        } catch (ReceiptFormatException e) {
            run.fail(Property.AUTHENTICITY, "RECEIPT", name, "not a receipt: " + e.getMessage());
            return;
        }
        Verdict verdict = receipts.verify(receipt, null);
        if (!verdict.ok()) {
            run.fail(Property.AUTHENTICITY, "RECEIPT", name, verdict.line());
            return;
        }
        run.add(new Finding(Property.AUTHENTICITY, "RECEIPT", name,
                verdict.trusted() ? Finding.Status.PASS : Finding.Status.UNPINNED, verdict.line()));
        byte[] state = Base64.getDecoder().decode(receipt.recordBytes());
        StoredEvidence stored = StoredEvidence.parse(state);
        String owner = stored.record().projectId();
        if (!projectId.equals(owner)) {
            run.fail(Property.AUTHENTICITY, "RECEIPT_PROJECT", name, "a receipt of another project: evidence "
                    + receipt.evidenceId() + " belongs to project " + owner + ", this package archives " + projectId);
            return;
        }
        if (!name.equals(PackageLayout.receipt(receipt.evidenceId()))) {
            run.fail(Property.AUTHENTICITY, "RECEIPT_NAME", name, "holds the receipt of " + receipt.evidenceId()
                    + ", which belongs at " + PackageLayout.receipt(receipt.evidenceId()));
            return;
        }
        records.put(receipt.evidenceId(), stored);
        stateValues.put(receipt.evidenceId(), state);
    }

    private void seal(PackageContents contents, Map<String, StoredEvidence> records, Map<String, byte[]> stateValues,
            PackageManifest manifest, Run run) throws IOException {
        StoredEvidence seal = records.values().stream().filter(r -> r.kind() == EvidenceKind.SEAL).findFirst()
                .orElse(null);
        if (seal == null) {
            run.fail(Property.INTEGRITY, "SEAL_COVERAGE", "(seal)", "the package holds no verified receipt of the seal");
            return;
        }
        SealRecord sealRecord = (SealRecord) seal.record();
        List<StoredEvidence> covered = records.values().stream().filter(r -> r.kind() != EvidenceKind.SEAL)
                .sorted(StoredEvidence.LEDGER_ORDER).toList();
        String root = ProjectSeal.root(covered.stream().map(StoredEvidence::recordBytes).toList());
        String subject = PackageLayout.receipt(sealRecord.evidenceId());
        if (root.equals(sealRecord.root()) && covered.size() == sealRecord.evidenceCount()) {
            run.pass(Property.INTEGRITY, "SEAL_COVERAGE", subject, "the seal's root " + root + " covers exactly the "
                    + covered.size() + " records whose receipts the package holds");
        } else {
            run.fail(Property.INTEGRITY, "SEAL_COVERAGE", subject, "the seal covers " + sealRecord.evidenceCount()
                    + " records with root " + sealRecord.root() + "; the package's " + covered.size()
                    + " verified records give root " + root);
        }
        if (manifest != null && !(sealRecord.root().equals(manifest.sealRoot())
                && sealRecord.evidenceId().equals(manifest.sealEvidenceId())
                && sealRecord.evidenceCount() == manifest.evidenceCount())) {
            run.fail(Property.AUTHENTICITY, "MANIFEST_SEAL", PackageLayout.MANIFEST, "the manifest names seal "
                    + manifest.sealEvidenceId() + " root " + manifest.sealRoot() + "; the ledger's seal is "
                    + sealRecord.evidenceId() + " root " + sealRecord.root());
        }
        if (!contents.names().contains(PackageLayout.SEAL_TOKEN)) {
            run.fail(Property.AUTHENTICITY, "SEAL_TIMESTAMP", PackageLayout.SEAL_TOKEN, "the seal has no timestamp token");
        } else {
            run.timestamp("SEAL_TIMESTAMP", PackageLayout.SEAL_TOKEN, timestamps.verify(
                    contents.read(PackageLayout.SEAL_TOKEN), stateValues.get(sealRecord.evidenceId())), subject);
        }
    }


    private void documents(PackageContents contents, Map<String, StoredEvidence> records, Run run) throws IOException {
        List<DocumentEntry> entries;
        try {
            entries = PackageManifest.json().readValue(contents.read(PackageLayout.DOCUMENTS),
                    new TypeReference<List<DocumentEntry>>() { });
        } catch (IOException e) {
            run.fail(Property.INTEGRITY, "DOCUMENT_METADATA", PackageLayout.DOCUMENTS, "missing or unreadable: " + e);
            return;
        }
        Map<String, DocumentEntry> byId = new HashMap<>();
        for (DocumentEntry e : entries) {
            byId.put(e.evidenceId(), e);
        }
        Set<String> names = new HashSet<>(contents.names());
        for (StoredEvidence stored : records.values()) {
            if (!(stored.record() instanceof DocumentRecord record)) {
                continue;
            }
            DocumentEntry entry = byId.remove(record.evidenceId());
            if (entry == null) {
                run.fail(Property.INTEGRITY, "DOCUMENT_METADATA", record.evidenceId(),
                        "the ledger holds this document; the package's metadata does not list it");
                continue;
            }
            List<String> differ = differences(record, entry);
            if (differ.isEmpty()) {
                run.pass(Property.AUTHENTICITY, "METADATA_MATCHES_LEDGER", entry.path(), record.documentType()
                        + " v" + record.version() + " of stage " + record.stage() + " as on the ledger");
            } else {
                run.fail(Property.AUTHENTICITY, "METADATA_MATCHES_LEDGER", entry.path(),
                        "the metadata differs from the ledger record in " + String.join(", ", differ));
            }
            classification(record, entry, run);
            if (!names.contains(entry.path())) {
                run.fail(Property.INTEGRITY, "FILE_PRESENT", entry.path(), "the file of document "
                        + record.evidenceId() + " (" + record.documentType() + ") is missing");
                continue;
            }
            Digest d;
            try (InputStream in = contents.open(entry.path())) {
                d = Digest.of(in);
            }
            if (d.sha256.equals(record.sha256()) && d.sm3.equals(record.sm3()) && d.size == record.size()) {
                run.pass(Property.AUTHENTICITY, "FILE_MATCHES_LEDGER", entry.path(),
                        "SHA-256 and SM3 equal the ledger record " + record.evidenceId());
            } else {
                run.fail(Property.AUTHENTICITY, "FILE_MATCHES_LEDGER", entry.path(), "the ledger record "
                        + record.evidenceId() + " has SHA-256 " + record.sha256() + " size " + record.size()
                        + ", the file has SHA-256 " + d.sha256 + " size " + d.size);
            }
            fileName(stored, entry, run);
            run.addAll(MediaChecks.check(entry.path(), record.mediaType(), contents.file(entry.path())));
        }
        for (DocumentEntry orphan : byId.values()) {
            run.fail(Property.INTEGRITY, "DOCUMENT_METADATA", orphan.path(), "listed in the metadata as document "
                    + orphan.evidenceId() + ", which has no verified ledger record in the package");
        }
    }

    private static List<String> differences(DocumentRecord r, DocumentEntry e) {
        List<String> out = new ArrayList<>();
        Map<String, Object[]> fields = new TreeMap<>();
        fields.put("stage", new Object[] {r.stage(), e.stage()});
        fields.put("documentType", new Object[] {r.documentType(), e.documentType()});
        fields.put("version", new Object[] {r.version(), e.version()});
        fields.put("previousEvidenceId", new Object[] {r.previousEvidenceId(), e.previousEvidenceId()});
        fields.put("mediaType", new Object[] {r.mediaType(), e.mediaType()});
        fields.put("size", new Object[] {r.size(), e.size()});
        fields.put("sha256", new Object[] {r.sha256(), e.sha256()});
        fields.put("sm3", new Object[] {r.sm3(), e.sm3()});
        fields.put("uploadedBy", new Object[] {r.uploadedBy(), e.uploadedBy()});
        fields.put("uploadedAt", new Object[] {r.uploadedAt(), e.uploadedAt()});
        fields.forEach((name, pair) -> {
            if (!Objects.equals(String.valueOf(pair[0]), String.valueOf(pair[1]))) {
                out.add(name + " (ledger " + pair[0] + ", metadata " + pair[1] + ")");
            }
        });
        return out;
    }

    private static void classification(DocumentRecord record, DocumentEntry entry, Run run) {
        String onLedger = record.classification() == null ? null : record.classification().name();
        if (onLedger != null && CLASSIFICATIONS.contains(onLedger) && onLedger.equals(entry.classification())) {
            run.pass(Property.SECURITY, "CLASSIFICATION", entry.path(), "classified " + onLedger
                    + ", recorded on the ledger and in the metadata");
        } else {
            run.fail(Property.SECURITY, "CLASSIFICATION", entry.path(), "classification on the ledger " + onLedger
                    + ", in the metadata " + entry.classification());
        }
    }

    private static void fileName(StoredEvidence stored, DocumentEntry entry, Run run) {
        JsonNode record = PackageManifest.json().valueToTree(stored.record());
        String expected = record.path("originalNameSha256").asText(null);
        if (expected == null) {
            return; // anchored before file names were digested
        }
        String actual = HEX.formatHex(sha256(entry.originalName() == null ? new byte[0]
                : entry.originalName().getBytes(StandardCharsets.UTF_8)));
        if (actual.equals(expected)) {
            run.pass(Property.AUTHENTICITY, "FILE_NAME_DIGEST", entry.path(), "the original file name's SHA-256 is the"
                    + " ledger's");
        } else {
            run.fail(Property.AUTHENTICITY, "FILE_NAME_DIGEST", entry.path(), "the ledger has file name digest "
                    + expected + ", the metadata's name gives " + actual);
        }
    }

    private void requirements(PackageContents contents, Map<String, StoredEvidence> records, Run run)
            throws IOException {
        Requirements requirements;
        try {
            requirements = PackageManifest.json().readValue(contents.read(PackageLayout.REQUIREMENTS),
                    Requirements.class);
        } catch (IOException e) {
            run.fail(Property.INTEGRITY, "REQUIRED_DOCUMENTS", PackageLayout.REQUIREMENTS, "missing or unreadable: " + e);
            return;
        }
        Map<String, Set<String>> present = new HashMap<>();
        Set<String> decided = new TreeSet<>();
        for (StoredEvidence stored : records.values()) {
            if (stored.record() instanceof DocumentRecord d) {
                present.computeIfAbsent(d.stage(), s -> new TreeSet<>()).add(d.documentType());
            } else if (stored.record() instanceof DecisionRecord d) {
                decided.add(d.elementId());
            }
        }
        Boolean formerIndustrial = formerIndustrial(contents, records, run);
        if (formerIndustrial == null) {
            return;
        }
        for (Requirements.StageRule stage : requirements.stages()) {
            Set<String> types = present.getOrDefault(stage.code(), Set.of());
            List<String> missing = Requirements.missing(stage, types, formerIndustrial);
            String subject = "stage " + stage.code() + " " + stage.zh();
            if (missing.isEmpty()) {
                run.pass(Property.INTEGRITY, "REQUIRED_DOCUMENTS", subject, types.isEmpty() ? "nothing required"
                        : "present: " + String.join(", ", types));
            } else {
                List<String> named = missing.stream().map(m -> m + " " + zh(stage, m)).toList();
                run.fail(Property.INTEGRITY, "REQUIRED_DOCUMENTS", subject, "not integral: missing "
                        + String.join(", ", named) + (formerIndustrial ? " (the land was industrial)" : ""));
            }
        }
        for (Requirements.TaskRule task : requirements.tasks()) {
            String subject = "task " + task.element() + " " + task.zh();
            if (decided.contains(task.element())) {
                run.pass(Property.INTEGRITY, "DECISION", subject, "decided, on the ledger");
            } else {
                run.fail(Property.INTEGRITY, "DECISION", subject, "not integral: no decision of this task on the ledger");
            }
        }
    }

    /**
     * The project's facts: every version anchored, each naming the one before; the metadata's facts equal the latest;
     * whether the land was industrial (which decides the soil survey) is the latest version's answer.
     */
    private static Boolean formerIndustrial(PackageContents contents, Map<String, StoredEvidence> records, Run run)
            throws IOException {
        JsonNode project;
        try {
            project = PackageManifest.json().readTree(contents.read(PackageLayout.PROJECT));
        } catch (IOException e) {
            run.fail(Property.INTEGRITY, "PROJECT_FACTS", PackageLayout.PROJECT, "missing or unreadable: " + e);
            return null;
        }
        List<ProjectRecord> versions = records.values().stream().map(StoredEvidence::record)
                .filter(ProjectRecord.class::isInstance).map(ProjectRecord.class::cast)
                .sorted(Comparator.comparing(ProjectRecord::version)).toList();
        if (versions.isEmpty()) {
            run.fail(Property.INTEGRITY, "PROJECT_FACTS", PackageLayout.PROJECT, "not integral: no version of the"
                    + " project's facts is on the ledger");
            JsonNode flag = project.path("project").path("formerIndustrial");
            return flag.isBoolean() ? flag.booleanValue() : null;
        }
        String previous = null;
        for (int i = 0; i < versions.size(); i++) {
            ProjectRecord v = versions.get(i);
            if (v.version() != i + 1 || !Objects.equals(v.previousEvidenceId(), previous)) {
                run.fail(Property.INTEGRITY, "PROJECT_FACTS", PackageLayout.receipt(v.evidenceId()), "not integral:"
                        + " version " + v.version() + " follows " + v.previousEvidenceId() + ", expected version "
                        + (i + 1) + " after " + previous);
                return v.formerIndustrial();
            }
            previous = v.evidenceId();
        }
        ProjectRecord latest = versions.get(versions.size() - 1);
        run.pass(Property.INTEGRITY, "PROJECT_FACTS", PackageLayout.PROJECT, versions.size()
                + " version(s) of the project's facts, each following the one before");
        JsonNode facts = project.path("project");
        List<String> differ = new ArrayList<>();
        compare(differ, "code", latest.code(), facts.path("code").asText(null));
        compare(differ, "name", latest.name(), facts.path("name").asText(null));
        compare(differ, "district", latest.district(), facts.path("district").asText(null));
        compare(differ, "areaSquareMeters", latest.areaSquareMeters(), facts.path("areaSquareMeters").asText(null));
        compare(differ, "formerIndustrial", String.valueOf(latest.formerIndustrial()),
                facts.path("formerIndustrial").asText(null));
        compare(differ, "published", String.valueOf(latest.published()), facts.path("published").asText(null));
        if (differ.isEmpty()) {
            run.pass(Property.AUTHENTICITY, "METADATA_MATCHES_LEDGER", PackageLayout.PROJECT, "the project's facts"
                    + " are version " + latest.version() + " on the ledger");
        } else {
            run.fail(Property.AUTHENTICITY, "METADATA_MATCHES_LEDGER", PackageLayout.PROJECT, "the project's facts"
                    + " differ from version " + latest.version() + " on the ledger in " + String.join(", ", differ));
        }
        return latest.formerIndustrial();
    }

    private static void compare(List<String> differ, String field, String ledger, String metadata) {
        if (!Objects.equals(ledger, metadata)) {
            differ.add(field + " (ledger " + ledger + ", metadata " + metadata + ")");
        }
    }

    private static String zh(Requirements.StageRule stage, String missing) {
        List<String> names = new ArrayList<>();
        for (String type : missing.split("\\|")) {
            stage.documents().stream().filter(d -> d.type().equals(type)).findFirst().ifPresent(d -> names.add(d.zh()));
        }
        return String.join("或", names);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256, SM3 and size of a stream. */
    record Digest(String sha256, String sm3, long size) {
        static Digest of(InputStream in) throws IOException {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            SM3Digest sm3 = new SM3Digest();
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                sm3.update(buffer, 0, n);
                size += n;
            }
            byte[] out = new byte[32];
            sm3.doFinal(out, 0);
            return new Digest(HEX.formatHex(sha.digest()), HEX.formatHex(out), size);
        }
    }

    /** Findings and timestamp results of one verification. */
    private static final class Run {
        private final List<Finding> findings = new ArrayList<>();
        private final List<TimestampVerifier.Result> times = new ArrayList<>();

        void add(Finding f) {
            findings.add(f);
        }

        void addAll(List<Finding> f) {
            findings.addAll(f);
        }

        void pass(Property p, String check, String subject, String message) {
            findings.add(Finding.pass(p, check, subject, message));
        }

        void fail(Property p, String check, String subject, String message) {
            findings.add(Finding.fail(p, check, subject, message));
        }

        /** A token's finding; when the token is sound but covers other bytes, the finding names the changed entry. */
        void timestamp(String check, String token, TimestampVerifier.Result result, String over) {
            times.add(result);
            findings.add(new Finding(Property.AUTHENTICITY, check, result.otherBytes() ? over : token, result.status(),
                    result.sound() ? result.message() + "; covers " + over
                            : result.otherBytes() ? over + " is not what " + token + " timestamped: " + result.message()
                            : result.message()));
        }

        FourPropertiesReport report(String projectId) {
            String source = times.stream().anyMatch(t -> t.sound() && t.local()) ? "LOCAL"
                    : times.stream().anyMatch(TimestampVerifier.Result::sound) ? "EXTERNAL" : "NONE";
            return new FourPropertiesReport(FourPropertiesReport.FORMAT, projectId, source, findings);
        }
    }
}
