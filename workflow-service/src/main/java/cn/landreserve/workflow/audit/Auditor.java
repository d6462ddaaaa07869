package cn.landreserve.workflow.audit;

import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.documents.Digests;
import cn.landreserve.documents.DocumentStore;
import cn.landreserve.documents.DocumentStoreException;
import cn.landreserve.documents.VerificationReport;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.evidence.EvidenceAnchoring;
import cn.landreserve.workflow.evidence.ProjectSealing;
import cn.landreserve.workflow.kernel.Anchor;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectVersion;
import cn.landreserve.workflow.project.ProjectVersionRepository;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.task.DecisionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Checks evidence against all three places it lives: the object store, the database and the ledger. */
@Service
public class Auditor {

    private final ProjectVersionRepository versions;
    private final DocumentRepository documents;
    private final DecisionRepository decisions;
    private final DocumentStore store;
    private final EvidenceLedger ledger;
    private final ProjectSealing sealing;
    private final JdbcClient jdbc;
    private final Clock clock;

    Auditor(ProjectVersionRepository versions, DocumentRepository documents, DecisionRepository decisions,
            DocumentStore store, EvidenceLedger ledger, ProjectSealing sealing, JdbcClient jdbc, Clock clock) {
        this.versions = versions;
        this.documents = documents;
        this.decisions = decisions;
        this.store = store;
        this.ledger = ledger;
        this.sealing = sealing;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ProjectAudit audit(Project project) throws LedgerUnavailableException {
        String projectId = project.id().value();
        Map<String, LedgerEntry> onLedger = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger.listByProject(projectId)) {
            onLedger.put(entry.evidenceId(), entry);
        }
        List<AuditItem> items = new ArrayList<>();
        Set<String> known = new HashSet<>();
        Map<String, Long> blocks = new HashMap<>();
        items.add(checkFacts(project, ledger.projectFacts(projectId).orElse(null)));
        for (ProjectVersion v : versions.ofProject(projectId)) {
            known.add(v.id());
            items.add(located(check(v, onLedger.get(v.id())), v.anchor(), onLedger.get(v.id()), blocks));
        }
        for (Document d : documents.ofProject(projectId)) {
            known.add(d.id());
            items.add(located(check(d, onLedger.get(d.id())), d.anchor(), onLedger.get(d.id()), blocks));
        }
        for (Decision d : decisions.ofProject(projectId)) {
            known.add(d.id());
            items.add(located(check(d, onLedger.get(d.id())), d.anchor(), onLedger.get(d.id()), blocks));
        }
        for (LedgerEntry entry : onLedger.values()) {
            if (entry.kind() == EvidenceKind.SEAL) {
                AuditItem seal = checkSeal((SealRecord) entry.record(), onLedger);
                items.add(seal.status() == AuditStatus.OK ? checkSealRow(projectId, entry, onLedger, blocks) : seal);
            } else if (!known.contains(entry.evidenceId()) && entry.kind() != EvidenceKind.BATCH) {
                items.add(new AuditItem(entry.evidenceId(), entry.kind().name(), AuditStatus.RECORD_CHANGED,
                        "anchored on the ledger (tx " + entry.txId() + ") but missing from the database"));
            }
        }
        return new ProjectAudit(projectId, project.code(), clock.instant(), items);
    }

    /**
     * The project row (what every page shows) against the latest facts anchored on the ledger. A newer version
     * still waiting to be anchored explains a difference; nothing else does.
     */
    AuditItem checkFacts(Project project, LedgerEntry anchored) {
        String id = project.id().value();
        ProjectVersion latest = versions.ofProject(id).stream().reduce((a, b) -> b).orElse(null);
        if (anchored == null) {
            return new AuditItem(id, "PROJECT_FACTS", latest != null && latest.anchorState() != AnchorState.ANCHORED
                    ? AuditStatus.NOT_ANCHORED : AuditStatus.LEDGER_MISMATCH,
                    latest != null && latest.anchorState() != AnchorState.ANCHORED
                            ? "the project's facts are recorded, not yet anchored"
                            : "the ledger holds no facts of this project");
        }
        ProjectRecord onLedger = (ProjectRecord) anchored.record();
        List<String> differing = new ArrayList<>();
        compare(differing, "code", onLedger.code(), project.code());
        compare(differing, "name", onLedger.name(), project.name());
        compare(differing, "district", onLedger.district(), project.district());
        compare(differing, "areaSquareMeters", onLedger.areaSquareMeters(),
                project.areaSquareMeters().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString());
        compare(differing, "formerIndustrial", onLedger.formerIndustrial(), project.formerIndustrial());
        compare(differing, "published", onLedger.published(), project.published());
        if (differing.isEmpty()) {
            return new AuditItem(id, "PROJECT_FACTS", AuditStatus.OK, null);
        }
        if (latest != null && latest.anchorState() != AnchorState.ANCHORED && latest.version() > onLedger.version()) {
            return new AuditItem(id, "PROJECT_FACTS", AuditStatus.NOT_ANCHORED, "version " + latest.version()
                    + " of the facts is recorded, not yet anchored; the ledger's version " + onLedger.version()
                    + " differs in " + String.join(", ", differing));
        }
        return new AuditItem(id, "PROJECT_FACTS", AuditStatus.RECORD_CHANGED, "the project differs from its facts "
                + "anchored as version " + onLedger.version() + " (" + anchored.evidenceId() + "): "
                + String.join("; ", differing));
    }

    private static void compare(List<String> differing, String field, Object onLedger, Object inDatabase) {
        if (!java.util.Objects.equals(onLedger, inDatabase)) {
            differing.add(field + " is " + inDatabase + ", anchored " + onLedger);
        }
    }

    AuditItem check(ProjectVersion v, LedgerEntry entry) {
        AuditItem record = checkRecord(v.id(), "PROJECT", v.record(), v.anchorState(),
                v.anchor() == null ? null : v.anchor().txId(), entry);
        return record != null ? record : new AuditItem(v.id(), "PROJECT", AuditStatus.OK, null);
    }

    /**
     * An item whose record agrees with the ledger: does the database also place it where the ledger does (same
     * block, same transaction time)? Those columns are what timelines and receipts' listings show.
     */
    private AuditItem located(AuditItem item, Anchor anchor, LedgerEntry entry, Map<String, Long> blocks)
            throws LedgerUnavailableException {
        if (item.status() != AuditStatus.OK || anchor == null || entry == null) {
            return item;
        }
        Instant onLedger = Instant.parse(entry.evidence().anchoredAt());
        if (!sameMicrosecond(onLedger, anchor.anchoredAt())) {
            return new AuditItem(item.evidenceId(), item.kind(), AuditStatus.LEDGER_MISMATCH, "the ledger anchored it at "
                    + onLedger + " (tx " + entry.txId() + "), the database says anchoredAt " + anchor.anchoredAt());
        }
        long block = blockOf(entry, blocks);
        if (block != anchor.blockNumber()) {
            return new AuditItem(item.evidenceId(), item.kind(), AuditStatus.LEDGER_MISMATCH, "the ledger has tx "
                    + entry.txId() + " in block " + block + ", the database says blockNumber " + anchor.blockNumber());
        }
        return item;
    }

    /** PostgreSQL keeps microseconds, rounding what it is given: equal instants are less than 1 µs apart. */
    private static boolean sameMicrosecond(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toNanos()) < 1_000;
    }

    /** The block of an entry's transaction, from the ledger (once per transaction and audit). */
    private long blockOf(LedgerEntry entry, Map<String, Long> blocks) throws LedgerUnavailableException {
        Long known = blocks.get(entry.txId());
        if (known == null) {
            try {
                known = ledger.receipt(entry.evidenceId()).transaction().blockNumber();
            } catch (LedgerRejectedException e) {
                known = -1L; // anchored, yet no receipt: no block number can agree with that
            }
            blocks.put(entry.txId(), known);
        }
        return known;
    }

    /**
     * The database's copy of the seal (root, count, transaction, block, time, manifest) against the seal on the
     * ledger and the manifest rebuilt from the ledger's records.
     */
    private AuditItem checkSealRow(String projectId, LedgerEntry entry, Map<String, LedgerEntry> onLedger,
            Map<String, Long> blocks) throws LedgerUnavailableException {
        SealRecord seal = (SealRecord) entry.record();
        var row = jdbc.sql("select * from reserve.seal where project_id = :p").param("p", projectId)
                .query((rs, n) -> Map.<String, Object>of("evidence_id", rs.getString("evidence_id"),
                        "root", rs.getString("root"), "evidence_count", rs.getLong("evidence_count"),
                        "manifest", rs.getString("manifest"), "tx_id", rs.getString("tx_id"),
                        "block_number", rs.getLong("block_number"),
                        "sealed_at", rs.getTimestamp("sealed_at").toInstant()))
                .optional();
        if (row.isEmpty()) {
            return new AuditItem(seal.evidenceId(), "SEAL", AuditStatus.RECORD_CHANGED,
                    "sealed on the ledger (tx " + entry.txId() + ") but the database has no seal row");
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("evidence_id", seal.evidenceId());
        expected.put("root", seal.root());
        expected.put("evidence_count", seal.evidenceCount());
        expected.put("manifest", sealing.manifest(seal, onLedger.values().stream()
                .filter(e -> e.kind() != EvidenceKind.SEAL).toList()));
        expected.put("tx_id", entry.txId());
        expected.put("block_number", blockOf(entry, blocks));
        List<String> differ = new ArrayList<>(expected.keySet().stream()
                .filter(column -> !String.valueOf(expected.get(column)).equals(String.valueOf(row.get().get(column))))
                .toList());
        if (!sameMicrosecond(Instant.parse(seal.sealedAt()), (Instant) row.get().get("sealed_at"))) {
            differ.add("sealed_at");
        }
        return differ.isEmpty() ? new AuditItem(seal.evidenceId(), "SEAL", AuditStatus.OK, null)
                : new AuditItem(seal.evidenceId(), "SEAL", AuditStatus.RECORD_CHANGED,
                        "the database's seal row differs from the ledger in " + differ);
    }

    /** One stored document: its record against the ledger, then its bytes against the anchored digests. */
    public AuditItem check(Document d, LedgerEntry entry) {
        AuditItem record = checkRecord(d.id(), "DOCUMENT", EvidenceAnchoring.record(d), d.anchorState(),
                d.anchor() == null ? null : d.anchor().txId(), entry);
        if (record != null) {
            return record;
        }
        try {
            VerificationReport report = store.verify(d.file().objectKey(), new Digests(d.file().sha256(), d.file().sm3()));
            return switch (report.outcome()) {
                case MATCH -> new AuditItem(d.id(), "DOCUMENT", AuditStatus.OK, null);
                case MISSING -> new AuditItem(d.id(), "DOCUMENT", AuditStatus.MISSING,
                        "object " + d.file().objectKey() + " is not in the store");
                case MISMATCH -> new AuditItem(d.id(), "DOCUMENT", AuditStatus.OBJECT_CHANGED,
                        "object " + d.file().objectKey() + ": " + report.differingDigests() + " differ; expected SHA-256 "
                                + report.expected().sha256Hex() + " SM3 " + report.expected().sm3Hex() + ", found SHA-256 "
                                + report.actual().map(a -> a.sha256Hex()).orElse("?") + " SM3 "
                                + report.actual().map(a -> a.sm3Hex()).orElse("?"));
            };
        } catch (DocumentStoreException e) {
            return new AuditItem(d.id(), "DOCUMENT", AuditStatus.MISSING, "object store: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // the database's object key is not even a key this service generates: the record was altered
            return new AuditItem(d.id(), "DOCUMENT", AuditStatus.MISSING, "object " + d.file().objectKey()
                    + " is not in the store: the recorded key is not a document key");
        }
    }

    AuditItem check(Decision d, LedgerEntry entry) {
        if (!Decision.digestOf(d.opinion()).equals(d.opinionSha256())) {
            return new AuditItem(d.id(), "DECISION", AuditStatus.RECORD_CHANGED,
                    "the opinion text no longer has the recorded digest " + d.opinionSha256());
        }
        AuditItem record = checkRecord(d.id(), "DECISION", EvidenceAnchoring.record(d), d.anchorState(),
                d.anchor() == null ? null : d.anchor().txId(), entry);
        return record != null ? record : new AuditItem(d.id(), "DECISION", AuditStatus.OK, null);
    }

    /** Null when the database record and its anchoring agree with the ledger. */
    private static AuditItem checkRecord(String id, String kind, EvidenceRecord fromDatabase, AnchorState state,
            String txInDatabase, LedgerEntry entry) {
        if (entry == null) {
            if (state == AnchorState.REFUSED) {
                return new AuditItem(id, kind, AuditStatus.NOT_ANCHORED, "the ledger refused to anchor it");
            }
            return state == AnchorState.ANCHORED
                    ? new AuditItem(id, kind, AuditStatus.LEDGER_MISMATCH, "the database says anchored in tx "
                            + txInDatabase + ", the ledger has no such record")
                    : new AuditItem(id, kind, AuditStatus.NOT_ANCHORED, "recorded, not yet anchored");
        }
        byte[] expected = entry.evidence().recordBytes();
        byte[] actual = CanonicalJson.bytes(fromDatabase);
        if (!Arrays.equals(expected, actual)) {
            return new AuditItem(id, kind, AuditStatus.RECORD_CHANGED, "database record differs from the ledger: "
                    + CanonicalJsonDiff.describe(expected, actual));
        }
        if (state != AnchorState.ANCHORED || !entry.txId().equals(txInDatabase)) {
            return new AuditItem(id, kind, AuditStatus.LEDGER_MISMATCH, "the ledger anchored it in tx " + entry.txId()
                    + ", the database says " + (state == AnchorState.ANCHORED ? "tx " + txInDatabase : "not anchored"));
        }
        return null;
    }

    private static AuditItem checkSeal(SealRecord seal, Map<String, LedgerEntry> onLedger) {
        List<byte[]> records = onLedger.values().stream().filter(e -> e.kind() != EvidenceKind.SEAL)
                .map(e -> e.evidence().recordBytes()).toList();
        String root = cn.landreserve.chaincode.ProjectSeal.root(records);
        if (!root.equals(seal.root()) || seal.evidenceCount() != records.size()) {
            return new AuditItem(seal.evidenceId(), "SEAL", AuditStatus.LEDGER_MISMATCH, "the seal's root " + seal.root()
                    + " over " + seal.evidenceCount() + " records; recomputed " + root + " over " + records.size());
        }
        return new AuditItem(seal.evidenceId(), "SEAL", AuditStatus.OK, null);
    }
}
