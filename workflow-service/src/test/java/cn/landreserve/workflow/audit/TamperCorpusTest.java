package cn.landreserve.workflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Random single changes — a stored object's bytes, a column of a database row, a byte of a stored ledger block —
 * each detected with its exact location: by the project audit (which evidence, which field) or by the ledger's
 * start-up check (which block). Runs {@code -Dtamper.cases} cases (150 by default; 1,000 for the full corpus) with
 * {@code -Dtamper.seed} (printed, so a failure can be replayed).
 */
class TamperCorpusTest extends RunningServiceTest {

    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedS3Server s3;
    @Autowired Auditor auditor;
    @Autowired ProjectRepository projects;
    @Autowired cn.landreserve.workflow.document.DocumentRepository documentRepository;

    record Column(String table, String column, String change, AuditStatus expected, String inDetail) {}

    static final List<Column> COLUMNS = List.of(
            new Column("document", "sha256", "overlay(sha256 placing (case when right(sha256,1)='0' then '1' else '0' end) from 64)", AuditStatus.RECORD_CHANGED, "sha256"),
            new Column("document", "sm3", "overlay(sm3 placing (case when left(sm3,1)='0' then '1' else '0' end) from 1)", AuditStatus.RECORD_CHANGED, "sm3"),
            new Column("document", "size_bytes", "size_bytes + 1", AuditStatus.RECORD_CHANGED, "size"),
            new Column("document", "document_type", "'SITE_TITLE_SURVEY_X'", AuditStatus.RECORD_CHANGED, "documentType"),
            new Column("document", "version", "version + 1", AuditStatus.RECORD_CHANGED, "version"),
            new Column("document", "media_type", "'text/plain'", AuditStatus.RECORD_CHANGED, "mediaType"),
            new Column("document", "classification", "case when classification='PUBLIC' then 'SENSITIVE' else 'PUBLIC' end", AuditStatus.RECORD_CHANGED, "classification"),
            new Column("document", "uploaded_by", "case when uploaded_by='approver' then 'auditor' else 'approver' end", AuditStatus.RECORD_CHANGED, "uploadedBy"),
            new Column("document", "uploaded_at", "uploaded_at + interval '1 second'", AuditStatus.RECORD_CHANGED, "uploadedAt"),
            new Column("document", "stage", "stage || '_X'", AuditStatus.RECORD_CHANGED, "stage"),
            new Column("document", "tx_id", "md5(tx_id) || md5(tx_id)", AuditStatus.LEDGER_MISMATCH, "tx"),
            new Column("document", "anchor_state", "'PENDING'", AuditStatus.LEDGER_MISMATCH, "not anchored"),
            new Column("document", "object_key", "object_key || 'x'", AuditStatus.MISSING, "not in the store"),
            new Column("decision", "outcome", "'APPROVE_X'", AuditStatus.RECORD_CHANGED, "outcome"),
            new Column("decision", "opinion", "opinion || '（改）'", AuditStatus.RECORD_CHANGED, "opinion"),
            new Column("decision", "opinion_sha256", "md5(opinion_sha256) || md5(opinion)", AuditStatus.RECORD_CHANGED, "opinion"),
            new Column("decision", "actor", "case when actor='approver' then 'auditor' else 'approver' end", AuditStatus.RECORD_CHANGED, "actor"),
            new Column("decision", "role", "role || '_X'", AuditStatus.RECORD_CHANGED, "role"),
            new Column("decision", "relied_on", "relied_on || ',doc-00000000000000000000000000000000'", AuditStatus.RECORD_CHANGED, "reliedOn"),
            new Column("decision", "element_id", "'Task_Forged'", AuditStatus.RECORD_CHANGED, "elementId"),
            new Column("decision", "decided_at", "decided_at - interval '1 day'", AuditStatus.RECORD_CHANGED, "decidedAt"),
            new Column("decision", "stage", "stage || '_X'", AuditStatus.RECORD_CHANGED, "stage"),
            new Column("decision", "tx_id", "md5(tx_id) || md5(tx_id)", AuditStatus.LEDGER_MISMATCH, "tx"));

    @Test
    void every_random_single_change_is_detected_with_its_exact_location() throws Exception {
        int cases = Integer.getInteger("tamper.cases", 150);
        long seed = Long.getLong("tamper.seed", System.nanoTime());
        System.out.println("tamper corpus: " + cases + " cases, seed " + seed + " (-Dtamper.seed=" + seed + " replays it)");
        Random random = new Random(seed);

        Project project = archivedProject();
        List<Document> docs = documentRepository.ofProject(project.id().value());
        List<String> decisionIds = jdbc.sql("select id from reserve.decision where project_id = :p order by id")
                .param("p", project.id().value()).query(String.class).list();
        Path ledgerDir = dataDir().resolve("ledger");
        assertThat(auditor.audit(project).allOk()).isTrue();

        List<String> undetected = new ArrayList<>();
        int objects = 0;
        int rows = 0;
        int blocks = 0;
        for (int i = 0; i < cases; i++) {
            int kind = random.nextInt(3);
            String failure;
            if (kind == 0) {
                objects++;
                failure = objectCase(project, docs.get(random.nextInt(docs.size())), random);
            } else if (kind == 1) {
                rows++;
                Column column = COLUMNS.get(random.nextInt(COLUMNS.size()));
                String id = column.table().equals("document") ? docs.get(random.nextInt(docs.size())).id()
                        : decisionIds.get(random.nextInt(decisionIds.size()));
                failure = rowCase(project, column, id);
            } else {
                blocks++;
                failure = blockCase(ledgerDir, random);
            }
            if (failure != null) {
                undetected.add("case " + i + ": " + failure);
            }
        }
        System.out.printf("tamper corpus: %d object changes, %d row changes, %d block changes%n", objects, rows, blocks);
        Files.writeString(Path.of("target", "tamper-corpus-report.txt"), "seed " + seed + ", " + cases + " cases: "
                + objects + " object, " + rows + " row, " + blocks + " block changes; undetected or misplaced: "
                + undetected.size() + "\n" + String.join("\n", undetected) + "\n");
        assertThat(undetected).as("changes not detected at their exact location (seed " + seed + ")").isEmpty();
        assertThat(auditor.audit(project).allOk()).as("every change was undone").isTrue();
    }

    /** Flips one random bit of a random byte of a document's stored object. */
    private String objectCase(Project project, Document doc, Random random) throws Exception {
        Path blob = blobOf(doc);
        byte[] original = Files.readAllBytes(blob);
        byte[] changed = original.clone();
        int offset = random.nextInt(changed.length);
        changed[offset] ^= (byte) (1 << random.nextInt(8));
        Files.write(blob, changed);
        try {
            return expectOnly(project, doc.id(), AuditStatus.OBJECT_CHANGED, doc.file().objectKey(),
                    "object byte " + offset + " of " + doc.id());
        } finally {
            Files.write(blob, original);
        }
    }

    private String rowCase(Project project, Column c, String id) throws Exception {
        String original = jdbc.sql("select " + c.column() + "::text from reserve." + c.table() + " where id = :id")
                .param("id", id).query(String.class).single();
        jdbc.sql("update reserve." + c.table() + " set " + c.column() + " = " + c.change() + " where id = :id")
                .param("id", id).update();
        try {
            return expectOnly(project, id, c.expected(), c.inDetail(), c.table() + "." + c.column() + " of " + id);
        } finally {
            String type = jdbc.sql("select format_type(atttypid, atttypmod) from pg_attribute"
                    + " where attrelid = cast(:t as regclass) and attname = :c")
                    .param("t", "reserve." + c.table()).param("c", c.column()).query(String.class).single();
            jdbc.sql("update reserve." + c.table() + " set " + c.column() + " = cast(:v as " + type + ") where id = :id")
                    .param("v", original).param("id", id).update();
        }
    }

    /** Copies the ledger's files, flips one bit of a random byte of a stored frame, and starts a ledger on the copy. */
    private String blockCase(Path ledgerDir, Random random) throws Exception {
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
                return "block " + block + " byte " + offset + " changed, yet the ledger started (height " + ledger.height() + ")";
            } catch (CorruptChainException e) {
                return e.blockNumber() == block ? null
                        : "byte " + offset + " is in block " + block + " but the start-up check named block "
                                + e.blockNumber() + ": " + e.getMessage();
            }
        } finally {
            FileSystemUtils.deleteRecursively(copy);
        }
    }

    private String expectOnly(Project project, String id, AuditStatus status, String inDetail, String what)
            throws Exception {
        Map<String, AuditItem> items = auditor.audit(project).items().stream()
                .collect(Collectors.toMap(AuditItem::evidenceId, i -> i));
        AuditItem item = items.get(id);
        if (item == null || item.status() != status) {
            return what + ": expected " + status + ", audit said " + (item == null ? "nothing" : item.status() + " " + item.detail());
        }
        if (item.detail() == null || !item.detail().contains(inDetail)) {
            return what + ": detail does not name '" + inDetail + "': " + item.detail();
        }
        List<String> others = items.values().stream().filter(i -> !i.evidenceId().equals(id))
                .filter(i -> i.status() != AuditStatus.OK).map(i -> i.evidenceId() + " " + i.status()).toList();
        return others.isEmpty() ? null : what + ": other items flagged too: " + others;
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
