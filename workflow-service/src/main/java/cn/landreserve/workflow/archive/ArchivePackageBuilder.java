package cn.landreserve.workflow.archive;

import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.documents.DocumentStore;
import cn.landreserve.documents.DocumentStoreException;
import cn.landreserve.documents.StoredDocument;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.archive.DocumentEntry;
import cn.landreserve.ledger.archive.FourPropertiesReport;
import cn.landreserve.ledger.archive.PackageContents;
import cn.landreserve.ledger.archive.PackageLayout;
import cn.landreserve.ledger.archive.PackageManifest;
import cn.landreserve.ledger.archive.PackageVerifier;
import cn.landreserve.ledger.archive.Requirements;
import cn.landreserve.ledger.archive.TimestampVerifier;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.evidence.Timeline;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Builds a sealed project's archive package (docs/archive-package.md): every document version's file from the
 * object store, checked against its ledger record; every receipt (the seal's included) from the ledger; the
 * metadata, the lifecycle's requirements, the timeline and the trust bundle; the seal's timestamp token; the
 * 四性检测 report (the same checks the offline verifier runs, here against the ledger's own trust bundle and the
 * TSA certificate); the manifest (SHA-256, SM3 and size of every entry, and its XML rendering); and the manifest's
 * timestamp token. Staged in a temporary directory, zipped, stored in the object store (under the bucket's
 * retention where the store supports object lock) and recorded. Building again for a project that has a package
 * returns the one kept.
 */
@Service
public class ArchivePackageBuilder {

    private static final Logger log = LoggerFactory.getLogger(ArchivePackageBuilder.class);
    private static final HexFormat HEX = HexFormat.of();
    /** Reads the package as an auditor may: every classification. */
    private static final Actor ARCHIVE_READER = new Actor("archive-package", "归档", Role.AUDITOR, null);

    private final EvidenceLedger ledger;
    private final DocumentStore store;
    private final DocumentRepository documents;
    private final ProjectRepository projects;
    private final Timeline timeline;
    private final LifecycleCatalogue catalogue;
    private final TrustedTime trustedTime;
    private final ArchivePackages packages;
    private final Clock clock;
    private final ObjectMapper json;

    ArchivePackageBuilder(EvidenceLedger ledger, DocumentStore store, DocumentRepository documents,
            ProjectRepository projects, Timeline timeline, LifecycleCatalogue catalogue, TrustedTime trustedTime,
            ArchivePackages packages, Clock clock, ObjectMapper json) {
        this.ledger = ledger;
        this.store = store;
        this.documents = documents;
        this.projects = projects;
        this.timeline = timeline;
        this.catalogue = catalogue;
        this.trustedTime = trustedTime;
        this.packages = packages;
        this.clock = clock;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Builds and keeps the package of a sealed project, or returns the one already kept. */
    public ArchivePackage build(ProjectId projectId) throws LedgerUnavailableException, LedgerRejectedException,
            DocumentStoreException, TrustedTimeUnavailableException, IOException {
        Optional<ArchivePackage> existing = packages.find(projectId.value());
        if (existing.isPresent()) {
            return existing.get();
        }
        Project project = projects.find(projectId.value()).orElseThrow(
                () -> new IllegalStateException("no project " + projectId));
        LedgerEntry sealEntry = ledger.findById(SealRecord.idFor(projectId.value())).orElseThrow(
                () -> new IllegalStateException("project " + projectId + " is not sealed: nothing to archive"));
        SealRecord seal = (SealRecord) sealEntry.record();
        Path stage = Files.createTempDirectory("archive-package-");
        Path zip = null;
        try {
            List<LedgerEntry> entries = ledger.listByProject(projectId.value());
            writeReceipts(stage, entries);
            writeDocuments(stage, entries);
            writeMetadata(stage, project, entries);
            write(stage, PackageLayout.TRUST_BUNDLE, ledger.trustBundlePem().getBytes(StandardCharsets.US_ASCII));

            byte[] sealState = Base64.getDecoder().decode(ledger.receipt(seal.evidenceId()).recordBytes());
            TrustedTime.Stamp sealStamp = trustedTime.stamp(sealState);
            write(stage, PackageLayout.SEAL_TOKEN, sealStamp.token());
            StringBuilder tsaPem = new StringBuilder();
            for (X509Certificate c : TimestampVerifier.certificates(sealStamp.token())) {
                tsaPem.append(Certificates.toPem(c));
            }
            write(stage, PackageLayout.TSA_CERTIFICATES, tsaPem.toString().getBytes(StandardCharsets.US_ASCII));

            FourPropertiesReport report = check(stage, projectId.value());
            write(stage, PackageLayout.REPORT_JSON, report.toJson().getBytes(StandardCharsets.UTF_8));
            write(stage, PackageLayout.REPORT_HTML, ReportPage.render(project, seal, report, sealStamp)
                    .getBytes(StandardCharsets.UTF_8));

            String builtAt = clock.instant().toString();
            List<PackageManifest.Entry> listed = list(stage);
            write(stage, PackageLayout.MANIFEST_XML, ManifestXml.render(project, seal, builtAt, listed)
                    .getBytes(StandardCharsets.UTF_8));
            PackageManifest manifest = new PackageManifest(PackageLayout.FORMAT, projectId.value(), project.code(),
                    seal.evidenceId(), seal.root(), seal.evidenceCount(), builtAt, list(stage));
            byte[] manifestBytes = manifest.toBytes();
            write(stage, PackageLayout.MANIFEST, manifestBytes);
            TrustedTime.Stamp manifestStamp = trustedTime.stamp(manifestBytes);
            write(stage, PackageLayout.MANIFEST_TOKEN, manifestStamp.token());

            zip = Files.createTempFile("archive-package-", ".zip");
            zip(stage, zip);
            StoredDocument stored;
            try (InputStream in = Files.newInputStream(zip)) {
                stored = store.put(in, "archive-package-" + project.code() + ".zip", Files.size(zip));
            }
            ArchivePackage kept = new ArchivePackage(projectId.value(), stored.key(), stored.size(), stored.digests().sha256Hex(),
                    stored.digests().sm3Hex(), HEX.formatHex(sha256(manifestBytes)),
                    manifestStamp.local() ? "LOCAL" : "EXTERNAL", manifestStamp.tsa(), manifestStamp.time(),
                    report.verdict(), report.toJson(), clock.instant());
            ArchivePackage recorded = packages.insert(kept);
            log.info("archive package of project {} kept as {} ({} bytes, 四性检测 {}, time {})", projectId,
                    stored.key(), stored.size(), report.verdict(), kept.timeSource());
            return recorded;
        } finally {
            delete(stage);
            if (zip != null) {
                Files.deleteIfExists(zip);
            }
        }
    }

    private FourPropertiesReport check(Path stage, String projectId) throws IOException {
        List<X509Certificate> bundle;
        try {
            bundle = Certificates.parsePem(ledger.trustBundlePem());
        } catch (CertificateException e) {
            throw new IOException("the ledger's trust bundle cannot be read: " + e.getMessage(), e);
        }
        PackageVerifier verifier = new PackageVerifier(ReceiptVerifier.pinning(bundle),
                new TimestampVerifier(trustedTime.pinned()));
        try (PackageContents contents = PackageContents.directory(stage)) {
            return verifier.checkContents(contents, projectId);
        }
    }

    private void writeReceipts(Path stage, List<LedgerEntry> entries)
            throws LedgerUnavailableException, LedgerRejectedException, IOException {
        for (LedgerEntry entry : entries) {
            Receipt receipt = ledger.receipt(entry.evidenceId());
            write(stage, PackageLayout.receipt(entry.evidenceId()), receipt.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every document version the ledger holds: its file, byte for byte from the object store. */
    private void writeDocuments(Path stage, List<LedgerEntry> entries) throws DocumentStoreException, IOException {
        List<DocumentEntry> listed = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            if (!(entry.record() instanceof DocumentRecord record)) {
                continue;
            }
            Optional<Document> row = documents.find(record.evidenceId());
            String path = PackageLayout.file(record.evidenceId(), record.mediaType());
            listed.add(new DocumentEntry(record.evidenceId(), path, record.stage(), record.documentType(),
                    record.version(), record.previousEvidenceId(), record.classification().name(), record.mediaType(),
                    record.size(), record.sha256(), record.sm3(),
                    row.map(d -> d.file().originalName()).orElse(null), record.uploadedBy(), record.uploadedAt()));
            if (row.isEmpty()) {
                log.warn("document {} is on the ledger but not in the database: its file cannot be archived",
                        record.evidenceId());
                continue;
            }
            Path target = stage.resolve(path);
            Files.createDirectories(target.getParent());
            try (InputStream in = store.get(row.get().file().objectKey())) {
                Files.copy(in, target);
            }
        }
        write(stage, PackageLayout.DOCUMENTS, json.writeValueAsBytes(listed));
    }

    private void writeMetadata(Path stage, Project project, List<LedgerEntry> entries) throws IOException {
        ObjectNode projectJson = json.createObjectNode();
        // the facts as the ledger holds them (its latest version); the database row adds what the ledger does not hold
        ProjectRecord latest = entries.stream().map(LedgerEntry::record).filter(ProjectRecord.class::isInstance)
                .map(ProjectRecord.class::cast).max(Comparator.comparing(ProjectRecord::version)).orElse(null);
        ObjectNode facts = projectJson.putObject("project");
        facts.put("id", project.id().value());
        facts.put("code", latest != null ? latest.code() : project.code());
        facts.put("name", latest != null ? latest.name() : project.name());
        facts.put("district", latest != null ? latest.district() : project.district());
        facts.put("areaSquareMeters", latest != null ? latest.areaSquareMeters()
                : project.areaSquareMeters().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
        facts.put("formerIndustrial", latest != null ? latest.formerIndustrial() : project.formerIndustrial());
        facts.put("published", latest != null ? latest.published() : project.published());
        facts.put("factsVersion", latest != null ? latest.version() : 0);
        facts.put("status", project.status().name());
        facts.put("createdBy", project.createdBy());
        facts.put("createdAt", project.createdAt().toString());
        ArrayNode versions = projectJson.putArray("versions");
        for (LedgerEntry e : entries) {
            if (e.kind() == EvidenceKind.PROJECT) {
                versions.add(json.readTree(e.stateJson()));
            }
        }
        write(stage, PackageLayout.PROJECT, json.writeValueAsBytes(projectJson));

        ArrayNode evidence = json.createArrayNode();
        for (LedgerEntry e : entries) {
            ObjectNode item = evidence.addObject();
            item.put("evidenceId", e.evidenceId());
            item.put("kind", e.kind().name());
            item.put("txId", e.txId());
            item.put("anchoredAt", e.evidence().anchoredAt());
            item.put("receipt", PackageLayout.receipt(e.evidenceId()));
            if (e.record() instanceof DocumentRecord d) {
                item.put("file", PackageLayout.file(d.evidenceId(), d.mediaType()));
            }
            item.put("sealed", e.kind() != EvidenceKind.SEAL);
        }
        write(stage, PackageLayout.EVIDENCE, json.writeValueAsBytes(evidence));
        write(stage, PackageLayout.REQUIREMENTS, json.writeValueAsBytes(requirements()));
        write(stage, PackageLayout.TIMELINE, json.writeValueAsBytes(timeline.of(project.id(), ARCHIVE_READER)));
    }

    /** The catalogue's stages and tasks as the package states them. */
    Requirements requirements() {
        return new Requirements(
                catalogue.stages().stream().map(s -> new Requirements.StageRule(s.code(), s.name().zh(),
                        s.documents().stream().map(d -> new Requirements.DocumentRule(d.type(), d.zh(),
                                Requirements.Rule.valueOf(d.rule().name()), d.group())).toList())).toList(),
                catalogue.tasks().stream().filter(TaskDefinition::ofLifecycle)
                        .map(t -> new Requirements.TaskRule(t.element(), t.stage(), t.zh())).toList());
    }

    private static List<PackageManifest.Entry> list(Path stage) throws IOException {
        List<PackageManifest.Entry> out = new ArrayList<>();
        try (PackageContents contents = PackageContents.directory(stage)) {
            for (String name : contents.names()) {
                if (PackageLayout.outsideManifest(name)) {
                    continue;
                }
                MessageDigest sha = sha256();
                SM3Digest sm3 = new SM3Digest();
                long size = 0;
                byte[] buffer = new byte[1 << 16];
                try (InputStream in = contents.open(name)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                        sm3.update(buffer, 0, n);
                        size += n;
                    }
                }
                byte[] sm3Out = new byte[32];
                sm3.doFinal(sm3Out, 0);
                out.add(new PackageManifest.Entry(name, role(name), size, HEX.formatHex(sha.digest()),
                        HEX.formatHex(sm3Out)));
            }
        }
        return out;
    }

    private static String role(String name) {
        if (name.startsWith("files/")) {
            return "file";
        } else if (name.startsWith("receipts/")) {
            return "receipt";
        } else if (name.startsWith("timestamps/")) {
            return "timestamp";
        } else if (name.startsWith("report/")) {
            return "report";
        } else if (name.equals(PackageLayout.TRUST_BUNDLE)) {
            return "trust";
        }
        return "metadata";
    }

    private static void zip(Path stage, Path zip) throws IOException {
        List<String> names;
        try (PackageContents contents = PackageContents.directory(stage)) {
            names = new ArrayList<>(contents.names());
        }
        // the manifest first, so that a reader streaming the package meets it before the entries it lists
        names.sort(Comparator.comparing((String n) -> !n.equals(PackageLayout.MANIFEST))
                .thenComparing(n -> !n.equals(PackageLayout.MANIFEST_TOKEN)).thenComparing(n -> n));
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out,
                StandardCharsets.UTF_8)) {
            for (String name : names) {
                z.putNextEntry(new ZipEntry(name));
                Files.copy(stage.resolve(name), z);
                z.closeEntry();
            }
        }
    }

    private static void write(Path stage, String name, byte[] bytes) throws IOException {
        Path target = stage.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the staging directory " + dir, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }
}
