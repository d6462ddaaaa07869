package cn.landreserve.workflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.workflow.accesslog.AccessLog;
import cn.landreserve.documents.EmbeddedS3Server;
import cn.landreserve.ledger.embedded.CorruptChainException;
import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.support.RunningServiceTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Random single changes — a stored object's bytes, any column of any row of the service's schema, a byte of a stored
 * ledger block — each detected with its exact location: by the project audit (which evidence, which field), by the
 * access log's chain check (which entry) or by the ledger's start-up check (which block).
 *
 * <p>The columns come from the database catalogue ({@code information_schema.columns} of schema {@code reserve}):
 * each must have a way to be changed in {@link #TAMPERS}, or be in {@link #OUTSIDE_BY_DESIGN} (not evidence, with
 * the reason) or {@link #KNOWN_GAPS} (evidence that nothing can check yet, with the reason); a column added tomorrow
 * fails the test until it is one of the three. Every tamperable column is changed at least once per run, then random
 * cases follow up to {@code -Dtamper.cases} (150 by default; 1,000 for the full corpus) with {@code -Dtamper.seed}
 * (printed, so a run can be replayed). What was tampered and what the checks said is printed and written to
 * {@code target/tamper-corpus-report.txt}.
 */
class TamperCorpusTest extends RunningServiceTest {

    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedS3Server s3;
    @Autowired Auditor auditor;
    @Autowired AccessLog accessLog;
    @Autowired cn.landreserve.workflow.evidence.ProjectSealing sealing;
    @Autowired ProjectRepository projects;
    @Autowired cn.landreserve.workflow.document.DocumentRepository documentRepository;

    /** Where a change must be found. */
    enum Check { AUDIT, ACCESS_LOG }

    /**
     * One way to change a column: an SQL expression for its new value, and where the change must be found — for the
     * audit, the status of the changed row's item and a word its detail must contain.
     */
    record Tamper(String change, Check check, AuditStatus status, String inDetail) {}

    static Tamper audit(String change, AuditStatus status, String inDetail) {
        return new Tamper(change, Check.AUDIT, status, inDetail);
    }

    static Tamper chain(String change) {
        return new Tamper(change, Check.ACCESS_LOG, null, null);
    }

    static final String OTHER_PROJECT = "(select min(id) from reserve.project p where p.id <> t.project_id)";

    static final Map<String, Tamper> TAMPERS = Map.ofEntries(
            Map.entry("document.id", audit("id || 'x'", AuditStatus.RECORD_CHANGED, "missing from the database")),
            Map.entry("document.project_id", audit(OTHER_PROJECT, AuditStatus.RECORD_CHANGED, "missing from the database")),
            Map.entry("document.stage", audit("stage || '_X'", AuditStatus.RECORD_CHANGED, "stage")),
            Map.entry("document.document_type", audit("'SITE_TITLE_SURVEY_X'", AuditStatus.RECORD_CHANGED, "documentType")),
            Map.entry("document.version", audit("version + 1", AuditStatus.RECORD_CHANGED, "version")),
            Map.entry("document.previous_id", audit("(select min(d.id) from reserve.document d where d.project_id = t.project_id"
                    + " and d.id <> t.id)", AuditStatus.RECORD_CHANGED, "previousEvidenceId")),
            Map.entry("document.object_key", audit("object_key || 'x'", AuditStatus.MISSING, "not in the store")),
            Map.entry("document.media_type", audit("'text/plain'", AuditStatus.RECORD_CHANGED, "mediaType")),
            Map.entry("document.original_name", audit("original_name || '（改）'", AuditStatus.RECORD_CHANGED,
                    "originalNameSha256")),
            Map.entry("document.size_bytes", audit("size_bytes + 1", AuditStatus.RECORD_CHANGED, "size")),
            Map.entry("document.sha256", audit("overlay(sha256 placing (case when right(sha256,1)='0' then '1' else '0' end) from 64)",
                    AuditStatus.RECORD_CHANGED, "sha256")),
            Map.entry("document.sm3", audit("overlay(sm3 placing (case when left(sm3,1)='0' then '1' else '0' end) from 1)",
                    AuditStatus.RECORD_CHANGED, "sm3")),
            Map.entry("document.classification", audit("case when classification='PUBLIC' then 'SENSITIVE' else 'PUBLIC' end",
                    AuditStatus.RECORD_CHANGED, "classification")),
            Map.entry("document.uploaded_by", audit("case when uploaded_by='approver' then 'auditor' else 'approver' end",
                    AuditStatus.RECORD_CHANGED, "uploadedBy")),
            Map.entry("document.uploaded_at", audit("uploaded_at + interval '1 second'", AuditStatus.RECORD_CHANGED, "uploadedAt")),
            Map.entry("document.anchor_state", audit("'PENDING'", AuditStatus.LEDGER_MISMATCH, "not anchored")),
            Map.entry("document.tx_id", audit("md5(tx_id) || md5(tx_id)", AuditStatus.LEDGER_MISMATCH, "tx")),
            Map.entry("document.block_number", audit("block_number + 1", AuditStatus.LEDGER_MISMATCH, "blockNumber")),
            Map.entry("document.anchored_at", audit("anchored_at + interval '1 millisecond'", AuditStatus.LEDGER_MISMATCH, "anchoredAt")),

            Map.entry("decision.id", audit("id || 'x'", AuditStatus.RECORD_CHANGED, "missing from the database")),
            Map.entry("decision.project_id", audit(OTHER_PROJECT, AuditStatus.RECORD_CHANGED, "missing from the database")),
            Map.entry("decision.stage", audit("stage || '_X'", AuditStatus.RECORD_CHANGED, "stage")),
            Map.entry("decision.task_id", audit("task_id || 'x'", AuditStatus.RECORD_CHANGED, "taskId")),
            Map.entry("decision.element_id", audit("'Task_Forged'", AuditStatus.RECORD_CHANGED, "elementId")),
            Map.entry("decision.process_definition_id", audit("process_definition_id || 'x'", AuditStatus.RECORD_CHANGED,
                    "processDefinitionId")),
            Map.entry("decision.process_definition_version", audit("process_definition_version + 1", AuditStatus.RECORD_CHANGED,
                    "processDefinitionVersion")),
            Map.entry("decision.outcome", audit("'APPROVE_X'", AuditStatus.RECORD_CHANGED, "outcome")),
            Map.entry("decision.opinion", audit("opinion || '（改）'", AuditStatus.RECORD_CHANGED, "opinion")),
            Map.entry("decision.opinion_sha256", audit("md5(opinion_sha256) || md5(opinion)", AuditStatus.RECORD_CHANGED, "opinion")),
            Map.entry("decision.actor", audit("case when actor='approver' then 'auditor' else 'approver' end",
                    AuditStatus.RECORD_CHANGED, "actor")),
            Map.entry("decision.role", audit("role || '_X'", AuditStatus.RECORD_CHANGED, "role")),
            Map.entry("decision.relied_on", audit("relied_on || ',doc-00000000000000000000000000000000'",
                    AuditStatus.RECORD_CHANGED, "reliedOn")),
            Map.entry("decision.decided_at", audit("decided_at - interval '1 day'", AuditStatus.RECORD_CHANGED, "decidedAt")),
            Map.entry("decision.anchor_state", audit("'PENDING'", AuditStatus.LEDGER_MISMATCH, "not anchored")),
            Map.entry("decision.tx_id", audit("md5(tx_id) || md5(tx_id)", AuditStatus.LEDGER_MISMATCH, "tx")),
            Map.entry("decision.block_number", audit("block_number + 1", AuditStatus.LEDGER_MISMATCH, "blockNumber")),
            Map.entry("decision.anchored_at", audit("anchored_at - interval '1 millisecond'", AuditStatus.LEDGER_MISMATCH, "anchoredAt")),

            Map.entry("project.code", audit("code || 'X'", AuditStatus.RECORD_CHANGED, "code is")),
            Map.entry("project.name", audit("name || '（改）'", AuditStatus.RECORD_CHANGED, "name is")),
            Map.entry("project.district", audit("district || '（改）'", AuditStatus.RECORD_CHANGED, "district is")),
            Map.entry("project.area_square_meters", audit("area_square_meters + 1", AuditStatus.RECORD_CHANGED,
                    "areaSquareMeters is")),
            Map.entry("project.former_industrial", audit("not former_industrial", AuditStatus.RECORD_CHANGED,
                    "formerIndustrial is")),
            Map.entry("project.published", audit("not published", AuditStatus.RECORD_CHANGED, "published is")),

            Map.entry("project_version.id", audit("id || 'x'", AuditStatus.RECORD_CHANGED, "missing from the database")),
            Map.entry("project_version.version", audit("version + 1", AuditStatus.RECORD_CHANGED, "version")),
            Map.entry("project_version.previous_id", audit("(select min(v.id) from reserve.project_version v where v.id <> t.id and not exists"
                    + " (select 1 from reserve.project_version w where w.previous_id = v.id))",
                    AuditStatus.RECORD_CHANGED, "previousEvidenceId")),
            Map.entry("project_version.code", audit("code || 'X'", AuditStatus.RECORD_CHANGED, "code")),
            Map.entry("project_version.name", audit("name || '（改）'", AuditStatus.RECORD_CHANGED, "name")),
            Map.entry("project_version.district", audit("district || '（改）'", AuditStatus.RECORD_CHANGED, "district")),
            Map.entry("project_version.area_square_meters", audit("area_square_meters + 1", AuditStatus.RECORD_CHANGED,
                    "areaSquareMeters")),
            Map.entry("project_version.former_industrial", audit("not former_industrial", AuditStatus.RECORD_CHANGED,
                    "formerIndustrial")),
            Map.entry("project_version.published", audit("not published", AuditStatus.RECORD_CHANGED, "published")),
            Map.entry("project_version.actor", audit("case when actor='approver' then 'auditor' else 'approver' end",
                    AuditStatus.RECORD_CHANGED, "actor")),
            Map.entry("project_version.role", audit("role || '_X'", AuditStatus.RECORD_CHANGED, "role")),
            Map.entry("project_version.reason", audit("reason || '（改）'", AuditStatus.RECORD_CHANGED, "reasonSha256")),
            Map.entry("project_version.recorded_at", audit("recorded_at + interval '1 second'", AuditStatus.RECORD_CHANGED,
                    "recordedAt")),
            Map.entry("project_version.anchor_state", audit("'PENDING'", AuditStatus.LEDGER_MISMATCH, "not anchored")),
            Map.entry("project_version.tx_id", audit("md5(tx_id) || md5(tx_id)", AuditStatus.LEDGER_MISMATCH, "tx")),
            Map.entry("project_version.block_number", audit("block_number + 1", AuditStatus.LEDGER_MISMATCH, "blockNumber")),
            Map.entry("project_version.anchored_at", audit("anchored_at + interval '1 millisecond'", AuditStatus.LEDGER_MISMATCH,
                    "anchoredAt")),

            Map.entry("seal.project_id", audit(OTHER_PROJECT, AuditStatus.RECORD_CHANGED, "no seal row")),
            Map.entry("seal.evidence_id", audit("evidence_id || 'x'", AuditStatus.RECORD_CHANGED, "evidence_id")),
            Map.entry("seal.root", audit("md5(root) || md5(root)", AuditStatus.RECORD_CHANGED, "root")),
            Map.entry("seal.evidence_count", audit("evidence_count - 1", AuditStatus.RECORD_CHANGED, "evidence_count")),
            Map.entry("seal.manifest", audit("replace(manifest, '\"APPROVE\"', '\"REJECT\"')", AuditStatus.RECORD_CHANGED, "manifest")),
            Map.entry("seal.tx_id", audit("md5(tx_id) || md5(tx_id)", AuditStatus.RECORD_CHANGED, "tx_id")),
            Map.entry("seal.block_number", audit("block_number + 1", AuditStatus.RECORD_CHANGED, "block_number")),
            Map.entry("seal.sealed_at", audit("sealed_at + interval '1 second'", AuditStatus.RECORD_CHANGED, "sealed_at")),

            Map.entry("access_log.seq", chain("seq + 1000000000")),
            Map.entry("access_log.at", chain("at + interval '1 second'")),
            Map.entry("access_log.actor", chain("actor || 'x'")),
            Map.entry("access_log.client", chain("client || 'x'")),
            Map.entry("access_log.action", chain("action || 'x'")),
            Map.entry("access_log.target", chain("target || 'x'")),
            Map.entry("access_log.status", chain("case when status = 200 then 404 else 200 end")),
            Map.entry("access_log.prev_hash", chain("md5(prev_hash) || md5(hash)")),
            Map.entry("access_log.hash", chain("md5(hash) || md5(prev_hash)")),
            Map.entry("access_log_head.seq", chain("seq - 1")),
            Map.entry("access_log_head.hash", chain("md5(hash) || md5(hash)")));

    /** Columns that are not evidence, and why (reviewed: keep this list short and each reason true). */
    static final Map<String, String> OUTSIDE_BY_DESIGN = Map.ofEntries(
            Map.entry("project.id", "the key every evidence row refers to: foreign keys refuse changing it alone"),
            Map.entry("project.status", "workflow position, derived from the anchored decisions"),
            Map.entry("project.current_stage", "workflow position, derived from the anchored decisions"),
            Map.entry("project.process_instance_id", "the engine's handle on the project's process"),
            Map.entry("project.updated_at", "when the row last changed: bookkeeping"),
            Map.entry("document.task_id", "the open task a file was uploaded to; the anchored decision names the documents it relied on"),
            Map.entry("document.anchor_refusal", "why the ledger refused to anchor a document: an operator incident's text"),
            Map.entry("app_role.*", "the roles: configuration; changes are in the administrators' log"),
            Map.entry("department.*", "the departments: configuration; changes are in the administrators' log"),
            Map.entry("password_history.*", "earlier password hashes, for the password policy: accounts, not evidence"),
            Map.entry("security_policy.*", "the security policy: configuration; changes are in the administrators' log"),
            Map.entry("document.object_version", "the S3 version id: a locator; the bytes are checked by their anchored digests"),
            Map.entry("anchor_claim.*", "a worker's lease on a project's pending records while it anchors them: coordination, not evidence"),
            Map.entry("escalation.*", "deadline escalations: workflow bookkeeping; the engine's history holds the timer"),
            Map.entry("stage_visit.*", "an index of stage dates for the cockpit and register; the anchored decisions are the evidence"),
            Map.entry("app_user.*", "accounts: configuration, not evidence; every record names its actor and role on the ledger"),
            Map.entry("access_log_head.id", "a constant (check id = 1)"),
            Map.entry("access_log_anchor.*", "a local note of which heads were anchored; the ledger holds the anchored heads"),
            Map.entry("access_log_break.*", "operator incidents about breaks; each break's statement is anchored on the ledger"),
            Map.entry("archive_package.*", "where the archive package is kept and a copy of its report: the package is the"
                    + " evidence and verifies itself offline (manifest digests, timestamp tokens, receipts, seal root)"),
            Map.entry("flyway_schema_history.*", "Flyway's record of the migrations applied"),
            Map.entry("inspection.*", "an index of inspections; the evidence is the anchored INSPECTION_RECORD and"
                    + " INSPECTION_PHOTO documents, which the audit checks"),
            Map.entry("rectification.*", "rectification workflow bookkeeping; the anchored Task_Rectify decision is the evidence"),
            Map.entry("inspection_escalation.*", "missed inspection cycles: supervision bookkeeping, not evidence"));

    /** Evidence that no check covers yet, and why: each one is a gap, printed in the report. */
    static final Map<String, String> KNOWN_GAPS = Map.ofEntries(
            Map.entry("project.description", "not part of the anchored project facts"),
            Map.entry("project.created_by", "the first version's actor is anchored (project_version); this copy is not compared"),
            Map.entry("project.created_at", "the first version's time is anchored (project_version); this copy is not compared"),
            Map.entry("project_version.project_id", "cannot be changed alone here: (project_id, version) is unique and every"
                    + " project has a version 1; the anchored record names its project"),
            Map.entry("admin_log.*", "the administrators' log: hash-chained and append-only (a trigger refuses changes);"
                    + " its own chain check is not exercised by this corpus yet"),
            Map.entry("admin_log_head.*", "the administrators' log's head: not exercised by this corpus yet"),
            Map.entry("admin_log_anchor.*", "the administrators' log's anchored heads: not exercised by this corpus yet"),
            Map.entry("admin_log_retention.*", "the administrators' log's pruning mark: not exercised by this corpus yet"),
            Map.entry("project_version.geometry_sha256", "part of the anchored project record (the audit compares it), but"
                    + " the corpus's projects have no parcels and the column is a foreign key to parcel_geometry"),
            Map.entry("parcel_geometry.*", "parcel boundaries under their anchored digest: the audit does not yet re-digest"
                    + " the stored GeoJSON against its key"),
            Map.entry("red_line_version.*", "red-line versions: their bytes are checked against the ledger's digest when"
                    + " read (RED_LINE_TAMPERED), not by the project audit"));

    record Column(String table, String column) {
        String key() {
            return table + "." + column;
        }
    }

    /** Every column of schema reserve, from the catalogue. */
    List<Column> catalogue() {
        return jdbc.sql("select table_name, column_name from information_schema.columns where table_schema = 'reserve'"
                + " order by table_name, ordinal_position").query((rs, n) -> new Column(rs.getString(1), rs.getString(2))).list();
    }

    static String reviewed(Column c) {
        String reason = OUTSIDE_BY_DESIGN.get(c.key());
        return reason != null ? reason : OUTSIDE_BY_DESIGN.get(c.table() + ".*");
    }

    static String gap(Column c) {
        String reason = KNOWN_GAPS.get(c.key());
        return reason != null ? reason : KNOWN_GAPS.get(c.table() + ".*");
    }

    @Test
    void every_column_of_the_schema_is_tampered_with_or_reviewed_as_outside_the_evidence() {
        List<Column> columns = catalogue();
        List<String> unaccounted = columns.stream()
                .filter(c -> !TAMPERS.containsKey(c.key()) && reviewed(c) == null && gap(c) == null)
                .map(Column::key).toList();
        Set<String> keys = columns.stream().map(Column::key).collect(Collectors.toSet());
        Set<String> tables = columns.stream().map(Column::table).collect(Collectors.toSet());
        List<String> stale = Stream.of(TAMPERS.keySet(), OUTSIDE_BY_DESIGN.keySet(), KNOWN_GAPS.keySet()).flatMap(Set::stream)
                .filter(k -> k.endsWith(".*") ? !tables.contains(k.substring(0, k.length() - 2)) : !keys.contains(k))
                .sorted().toList();
        assertThat(unaccounted).as("columns of schema reserve with no entry in TamperCorpusTest: add a way to change each"
                + " (TAMPERS), or a reviewed reason it is not evidence (OUTSIDE_BY_DESIGN), or a known gap (KNOWN_GAPS)")
                .isEmpty();
        assertThat(stale).as("entries in TamperCorpusTest for columns the schema no longer has").isEmpty();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void every_random_single_change_is_detected_with_its_exact_location() throws Exception {
        int cases = Integer.getInteger("tamper.cases", 150);
        long seed = Long.getLong("tamper.seed", System.nanoTime());
        System.out.println("tamper corpus: seed " + seed + " (-Dtamper.seed=" + seed + " replays it)");
        Random random = new Random(seed);

        Project project = archivedProject();
        openProject("篡改语料项目（另一个）", false);        // somewhere for a moved row to go
        for (int i = 0; i < 5; i++) {
            accessLog.append("auditor", "127.0.0.1", "VERIFY", "tamper corpus entry " + i, 200);
        }
        List<Document> docs = documentRepository.ofProject(project.id().value());
        List<String> decisionIds = jdbc.sql("select id from reserve.decision where project_id = :p order by id")
                .param("p", project.id().value()).query(String.class).list();
        Path ledgerDir = dataDir().resolve("ledger");
        assertThat(auditor.audit(project).allOk()).as(auditor.audit(project).items().toString()).isTrue();
        assertThat(accessLog.check().intact()).isTrue();

        List<String> columns = catalogue().stream().map(Column::key).filter(TAMPERS::containsKey).collect(Collectors.toList());
        Collections.shuffle(columns, random);
        List<String> undetected = new ArrayList<>();
        Map<String, List<String>> found = new TreeMap<>();
        int objects = 0;
        int blocks = 0;
        for (int i = 0; i < Math.max(cases, columns.size()); i++) {
            int kind = i < columns.size() ? 1 : random.nextInt(3);
            String[] outcome;
            if (kind == 0) {
                objects++;
                outcome = objectCase(project, docs.get(random.nextInt(docs.size())), random);
                found.computeIfAbsent("(object bytes)", k -> new ArrayList<>()).add(outcome[1]);
            } else if (kind == 1) {
                String key = i < columns.size() ? columns.get(i) : columns.get(random.nextInt(columns.size()));
                Column column = new Column(key.substring(0, key.indexOf('.')), key.substring(key.indexOf('.') + 1));
                outcome = rowCase(project, column, TAMPERS.get(key), docs, decisionIds, random);
                found.computeIfAbsent(key, k -> new ArrayList<>()).add(outcome[1]);
            } else {
                blocks++;
                outcome = blockCase(ledgerDir, random);
                found.computeIfAbsent("(ledger block bytes)", k -> new ArrayList<>()).add(outcome[1]);
            }
            if (outcome[0] != null) {
                undetected.add("case " + i + ": " + outcome[0]);
            }
        }

        List<Column> all = catalogue();
        StringBuilder report = new StringBuilder("tamper corpus: seed " + seed + ", " + Math.max(cases, columns.size())
                + " cases: " + objects + " object, " + (Math.max(cases, columns.size()) - objects - blocks) + " row, "
                + blocks + " block changes; undetected or misplaced: " + undetected.size() + "\n");
        report.append(String.format("schema reserve: %d columns — %d tampered, %d outside the evidence by design, %d known gaps%n",
                all.size(), all.stream().filter(c -> TAMPERS.containsKey(c.key())).count(),
                all.stream().filter(c -> reviewed(c) != null).count(),
                all.stream().filter(c -> gap(c) != null).count()));
        report.append("\ntampered (times) and what the checks found (first case):\n");
        found.forEach((what, findings) -> report.append(String.format("  %-42s ×%-3d %s%n", what, findings.size(),
                findings.get(0).length() > 150 ? findings.get(0).substring(0, 150) + "…" : findings.get(0))));
        report.append("\noutside the evidence by design:\n");
        all.stream().filter(c -> reviewed(c) != null).forEach(c -> report.append("  ").append(c.key()).append(": ")
                .append(reviewed(c)).append('\n'));
        report.append("\nKNOWN GAPS (evidence no check covers yet):\n");
        all.stream().filter(c -> gap(c) != null).forEach(c -> report.append("  ").append(c.key())
                .append(": ").append(gap(c)).append('\n'));
        report.append(undetected.isEmpty() ? "" : "\nUNDETECTED OR MISPLACED:\n" + String.join("\n", undetected) + "\n");
        Files.writeString(Path.of("target", "tamper-corpus-report.txt"), report);
        System.out.println(report);

        assertThat(undetected).as("changes not detected at their exact location (seed " + seed + ")").isEmpty();
        assertThat(auditor.audit(project).allOk()).as("every change was undone").isTrue();
        assertThat(accessLog.check().intact()).as("every change to the access log was undone").isTrue();
    }

    /** Flips one random bit of a random byte of a document's stored object. {failure or null, what was found} */
    private String[] objectCase(Project project, Document doc, Random random) throws Exception {
        Path blob = blobOf(doc);
        byte[] original = Files.readAllBytes(blob);
        byte[] changed = original.clone();
        int offset = random.nextInt(changed.length);
        changed[offset] ^= (byte) (1 << random.nextInt(8));
        Files.write(blob, changed);
        try {
            return expectOnly(project, doc.id(), null, AuditStatus.OBJECT_CHANGED, doc.file().objectKey(),
                    "object byte " + offset + " of " + doc.id());
        } finally {
            Files.write(blob, original);
        }
    }

    /** Changes one column of one row, checks where it is found, and puts the value back. */
    private String[] rowCase(Project project, Column c, Tamper tamper, List<Document> docs, List<String> decisionIds,
            Random random) throws Exception {
        String keyColumn = switch (c.table()) {
            case "seal" -> "project_id";
            case "access_log" -> "seq";
            default -> "id";
        };
        String id = switch (c.table()) {
            case "document" -> docs.get(random.nextInt(docs.size())).id();
            case "decision" -> decisionIds.get(random.nextInt(decisionIds.size()));
            case "seal", "project" -> project.id().value();
            case "project_version" -> jdbc.sql("select id from reserve.project_version where project_id = :p order by version"
                    + " desc limit 1").param("p", project.id().value()).query(String.class).single();
            case "access_log" -> String.valueOf(1 + random.nextInt((int) accessLog.head().seq()));
            case "access_log_head" -> String.valueOf(accessLog.head().seq());
            default -> throw new AssertionError("no row to change in " + c.table());
        };
        Object key = switch (c.table()) {
            case "access_log" -> Long.parseLong(id);
            case "access_log_head" -> 1;
            default -> id;
        };
        String what = c.key() + " of " + c.table() + " " + id;
        Map<String, Object> original = jdbc.sql("select * from reserve." + c.table() + " where " + keyColumn + " = :k")
                .param("k", key).query().singleRow();
        int changed = jdbc.sql("update reserve." + c.table() + " t set " + c.column() + " = " + tamper.change()
                + " where " + keyColumn + " = :k").param("k", key).update();
        assertThat(changed).as(what).isEqualTo(1);
        Object newKey = key;
        if (c.column().equals(keyColumn)) {
            newKey = switch (c.key()) {
                case "access_log.seq" -> (Long) key + 1_000_000_000L;
                case "seal.project_id" -> jdbc.sql("select project_id from reserve.seal where evidence_id = :e")
                        .param("e", original.get("evidence_id")).query(String.class).single();
                default -> id + "x";
            };
        }
        try {
            if (tamper.check() == Check.ACCESS_LOG) {
                AccessLog.ChainCheck check = accessLog.check();
                long expected = c.table().equals("access_log_head")
                        ? (c.column().equals("seq") ? Long.parseLong(id) : Long.parseLong(id) + 1) : Long.parseLong(id);
                String finding = check.intact() ? "chain intact" : "chain broken at entry " + check.firstBroken()
                        + " (last good " + check.lastGoodSeq() + ")";
                return new String[] {check.firstBroken() == expected ? null : what + ": expected the chain to break at "
                        + expected + ", " + finding, finding};
            }
            String flagged = c.table().equals("seal") ? SealRecord.idFor(project.id().value()) : id;
            // a changed project row is found by the facts check, under the project's id; so is a changed latest version
            // (the row then differs from the facts it claims to be), besides its own record
            String alsoFlagged = c.column().equals("id") ? (String) newKey
                    : c.table().equals("project_version") ? project.id().value() : null;
            return expectOnly(project, flagged, alsoFlagged, tamper.status(), tamper.inDetail(), what);
        } finally {
            restore(c.table(), keyColumn, newKey, original);
        }
    }

    /** Puts every column of the row back as it was (typed as the catalogue says). */
    private void restore(String table, String keyColumn, Object currentKey, Map<String, Object> original) {
        List<String> sets = new ArrayList<>();
        for (String column : original.keySet()) {
            sets.add(column + " = :" + column);
        }
        var spec = jdbc.sql("update reserve." + table + " set " + String.join(", ", sets) + " where " + keyColumn + " = :currentKey")
                .param("currentKey", currentKey);
        for (Map.Entry<String, Object> e : original.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        assertThat(spec.update()).as("restored " + table + " " + currentKey).isEqualTo(1);
    }

    /** Copies the ledger's files, flips one bit of a random byte of a stored frame, and starts a ledger on the copy. */
    private String[] blockCase(Path ledgerDir, Random random) throws Exception {
        Path copy = Files.createTempDirectory("tampered-ledger");
        try {
            FileSystemUtils.copyRecursively(ledgerDir, copy);
            Files.deleteIfExists(copy.resolve("LOCK"));
            Path segment = onlySegment(copy);
            byte[] bytes = Files.readAllBytes(segment);
            long[][] frames = frames(bytes);
            int offset = random.nextInt(bytes.length);
            long block = blockAt(frames, offset);
            bytes[offset] ^= (byte) (1 << random.nextInt(8));
            Files.write(segment, bytes);
            try (EmbeddedLedger ledger = EmbeddedLedger.open(copy, EmbeddedLedgerOptions.defaults())) {
                return new String[] {"block " + block + " byte " + offset + " changed, yet the ledger started (height "
                        + ledger.height() + ")", "not found"};
            } catch (CorruptChainException e) {
                String finding = "start-up check refused block " + e.blockNumber();
                return new String[] {e.blockNumber() == block ? null : "byte " + offset + " is in block " + block
                        + " but the start-up check named block " + e.blockNumber() + ": " + e.getMessage(), finding};
            }
        } finally {
            FileSystemUtils.deleteRecursively(copy);
        }
    }

    /**
     * The audit flags exactly the changed item (and, when its id itself was changed, the row under its new id), with
     * the expected status and a detail naming the field. {failure or null, what the audit said}
     */
    private String[] expectOnly(Project project, String id, String alsoFlagged, AuditStatus status, String inDetail,
            String what) throws Exception {
        Map<String, AuditItem> items = new java.util.LinkedHashMap<>();
        // the project as the database has it now (as the audit endpoint reads it), not as it was before the change
        Project current = projects.find(project.id().value()).orElseThrow();
        auditor.audit(current).items().forEach(i -> items.putIfAbsent(i.evidenceId(), i));
        AuditItem item = items.get(id);
        String finding = item == null ? "nothing about " + id : item.status() + " " + item.detail();
        if (item == null || item.status() != status) {
            return new String[] {what + ": expected " + status + ", audit said " + finding, finding};
        }
        if (item.detail() == null || !item.detail().contains(inDetail)) {
            return new String[] {what + ": detail does not name '" + inDetail + "': " + item.detail(), finding};
        }
        List<String> others = items.values().stream().filter(i -> !i.evidenceId().equals(id))
                .filter(i -> !i.evidenceId().equals(alsoFlagged))
                .filter(i -> i.status() != AuditStatus.OK).map(i -> i.evidenceId() + " " + i.status()).toList();
        return new String[] {others.isEmpty() ? null : what + ": other items flagged too: " + others, finding};
    }

    // --- setup and file layout ---------------------------------------------------------------------------------

    private Project archivedProject() throws Exception {
        Project p = openProject("篡改语料项目", true);
        String prepare = openTask(p, "Task_PrepareInitiation");
        upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "PUBLIC", pdf("plan corpus " + p.id() + " ".repeat(300)));
        upload(prepare, "applicant", "SITE_TITLE_SURVEY", "SENSITIVE", pdf("survey corpus " + p.id()));
        upload(prepare, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("budget corpus " + p.id()));
        tasks.complete(prepare, user("applicant"), "SUBMIT", "请审查");
        runJobs();
        for (String[] r : new String[][] {{"Task_ReviewNaturalResources", "reviewer-nr"}, {"Task_ReviewEcology", "reviewer-eco"},
                {"Task_ReviewFinance", "reviewer-fin"}}) {
            tasks.complete(openTask(p, r[0]), user(r[1]), "APPROVE", "同意（" + r[1] + "）");
            runJobs();
        }
        String approve = openTask(p, "Task_ApproveInitiation");
        upload(approve, "approver", "INITIATION_APPROVAL", "PUBLIC", pdf("approval corpus " + p.id()));
        tasks.complete(approve, user("approver"), "APPROVE", "同意立项");
        runJobs();
        // sealed as the archive step seals (the later stages add nothing this corpus needs): a seal row to tamper with
        sealing.seal(p.id());
        return projects.find(p.id().value()).orElseThrow();
    }

    private Path blobOf(Document d) throws Exception {
        byte[] expected = documents.open(d, null).readAllBytes();
        try (Stream<Path> files = Files.walk(s3.blobDirectory())) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.size(f) == expected.length && Arrays.equals(Files.readAllBytes(f), expected);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no blob for " + d.id()));
        }
    }

    private static Path onlySegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> segments = files.filter(f -> f.getFileName().toString().startsWith("blockfile_"))
                    .sorted(Comparator.naturalOrder()).toList();
            assertThat(segments).as("block files in " + dir).hasSize(1);
            return segments.get(0);
        }
    }

    /** Each frame's [first byte, last byte] in the segment: [u32 length][u32 CRC][block][u32 CRC]. */
    private static long[][] frames(byte[] segment) {
        List<long[]> frames = new ArrayList<>();
        int at = 0;
        while (at + 8 <= segment.length) {
            int length = ByteBuffer.wrap(segment, at, 4).getInt();
            frames.add(new long[] {at, at + 8L + length + 4 - 1});
            at += 8 + length + 4;
        }
        return frames.toArray(long[][]::new);
    }

    private static long blockAt(long[][] frames, int offset) {
        for (int i = 0; i < frames.length; i++) {
            if (offset >= frames[i][0] && offset <= frames[i][1]) {
                return i;
            }
        }
        throw new AssertionError("offset " + offset + " is in no frame");
    }
}
