package cn.landreserve.chaincode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * The evidence contract: the one rulebook that both the embedded ledger and Fabric run.
 *
 * <p>Rules: nothing is overwritten (the same record again returns the stored one, a different
 * record under the same id is {@link ErrorCode#RECORD_CONFLICT}); a new document version names an
 * existing, not yet superseded previous version of the same project and type; a seal covers
 * exactly the project's anchored evidence and closes the project; only the writer organisation's
 * identity with the attribute {@value #WRITER_ATTRIBUTE}=true writes; every channel member reads.
 *
 * <p>Write transactions return the stored evidence JSON (canonical), whose {@code anchoredTxId}
 * tells a caller whether this transaction anchored it or an earlier one did.
 *
 * <p>Endorsement does not depend on how far a peer has got: anchoring reads only keys that are written once
 * (the evidence key, a previous version, what a decision relies on) or rarely (the project's state, written
 * by the seal), and the stored value holds nothing a peer derives from its own height. Two peers at
 * different heights therefore return the same proposal response, unless the very records a proposal reads
 * were committed in between. A project's evidence is listed (and sealed) in {@link StoredEvidence#LEDGER_ORDER},
 * which anyone holding the records can recompute; there is no per-project counter to read.
 */
@Contract(name = EvidenceContract.NAME, info = @Info(title = "Land reserve evidence", version = "1"))
@Default
public final class EvidenceContract implements ContractInterface {
    /** The contract's name inside the chaincode. */
    public static final String NAME = "evidence";
    /** Environment variable naming the writer organisation's MSP id. */
    public static final String WRITER_MSP_ENV = "EVIDENCE_WRITER_MSP";
    /** Writer MSP id when none is configured. */
    public static final String DEFAULT_WRITER_MSP = "ReserveBureauMSP";
    /** Certificate attribute (Fabric CA extension) that marks a writer identity. */
    public static final String WRITER_ATTRIBUTE = "evidence.writer";
    /** Name of the chaincode event emitted for every anchored record. */
    public static final String EVENT_NAME = "EvidenceAnchored";
    /** Most records in one {@link #anchorGroup} transaction. */
    public static final int MAX_GROUP = 500;

    private final String writerMsp;

    /** The contract as Fabric instantiates it: writer MSP from {@value #WRITER_MSP_ENV}. */
    public EvidenceContract() {
        this(configuredWriterMsp());
    }

    /** The contract with an explicit writer MSP id (the embedded engine uses this). */
    public EvidenceContract(String writerMsp) {
        if (writerMsp == null || writerMsp.isBlank()) {
            throw new IllegalArgumentException("writer MSP id is required");
        }
        this.writerMsp = writerMsp;
    }

    private static String configuredWriterMsp() {
        String configured = System.getenv(WRITER_MSP_ENV);
        return configured == null || configured.isBlank() ? DEFAULT_WRITER_MSP : configured;
    }

    /** The MSP id whose identities may write. */
    public String writerMsp() {
        return writerMsp;
    }

    /** Anchors a document record (JSON of {@link DocumentRecord}); returns the stored evidence. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorDocument(Context ctx, String recordJson) {
        requireWriter(ctx);
        DocumentRecord record = CanonicalJson.read(recordJson, DocumentRecord.class);
        record.validate();
        TxState tx = new TxState(ctx.getStub(), false);
        String stored = anchorDocument(tx, record);
        emitEvent(tx, List.of(record));
        return stored;
    }

    private String anchorDocument(TxState tx, DocumentRecord record) {
        return anchor(tx, record, () -> checkVersion(tx, record), () -> {
            if (record.previousEvidenceId() != null) {
                tx.put(StateKeys.successor(record.previousEvidenceId()), utf8(record.evidenceId()));
            }
            indexDigest(tx, record.sha256(), record.evidenceId());
            indexDigest(tx, record.sm3(), record.evidenceId());
        });
    }

    /**
     * Anchors a version of a project's facts (JSON of {@link ProjectRecord}); returns the stored evidence. Version 1
     * is the project's first; every later version must name the project's current version as its previous one.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorProject(Context ctx, String recordJson) {
        requireWriter(ctx);
        ProjectRecord record = CanonicalJson.read(recordJson, ProjectRecord.class);
        record.validate();
        TxState tx = new TxState(ctx.getStub(), false);
        String stored = anchorProject(tx, record);
        emitEvent(tx, List.of(record));
        return stored;
    }

    private String anchorProject(TxState tx, ProjectRecord record) {
        return anchor(tx, record, () -> checkProjectVersion(tx, record),
                () -> tx.put(StateKeys.projectFacts(record.projectId()), utf8(record.evidenceId())));
    }

    /** Anchors a decision record (JSON of {@link DecisionRecord}); returns the stored evidence. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorDecision(Context ctx, String recordJson) {
        requireWriter(ctx);
        DecisionRecord record = CanonicalJson.read(recordJson, DecisionRecord.class);
        record.validate();
        TxState tx = new TxState(ctx.getStub(), false);
        String stored = anchorDecision(tx, record);
        emitEvent(tx, List.of(record));
        return stored;
    }

    private String anchorDecision(TxState tx, DecisionRecord record) {
        return anchor(tx, record, () -> {
            for (String reliedOn : record.reliedOn()) {
                byte[] value = tx.get(StateKeys.evidence(reliedOn));
                if (value == null || value.length == 0
                        || !StoredEvidence.parse(value).record().projectId().equals(record.projectId())) {
                    throw ErrorCode.INVALID_RECORD.exception("reliedOn " + reliedOn
                            + " is not anchored evidence of project " + record.projectId());
                }
            }
        }, () -> { });
    }

    /**
     * Anchors several records in one transaction (group commit): a JSON array of
     * {@code {"kind":"DOCUMENT"|"DECISION"|"PROJECT","record":{...}}}, 1 to {@value #MAX_GROUP} of them, of any projects.
     * Each record is anchored exactly as its own transaction would anchor it (its own evidence key, indexes and
     * rules), in array order, and each sees the ones before it: a decision may rely on a document earlier in the
     * group, a new version may replace one earlier in the group. One rejected record rejects the whole
     * transaction (nothing is written). Returns a JSON array of the stored evidence, one per record in order;
     * each one's {@code anchoredTxId} says whether this transaction anchored it or an earlier one did.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorGroup(Context ctx, String itemsJson) {
        requireWriter(ctx);
        List<EvidenceRecord> records = parseGroup(itemsJson);
        TxState tx = new TxState(ctx.getStub(), true);
        StringBuilder out = new StringBuilder("[");
        Map<String, EvidenceRecord> anchored = new LinkedHashMap<>();
        for (EvidenceRecord record : records) {
            String stored = switch (record.kind()) {
                case DOCUMENT -> anchorDocument(tx, (DocumentRecord) record);
                case DECISION -> anchorDecision(tx, (DecisionRecord) record);
                case PROJECT -> anchorProject(tx, (ProjectRecord) record);
                default -> throw ErrorCode.INVALID_RECORD.exception("a group does not hold " + record.kind()
                        + " records");
            };
            if (ctx.getStub().getTxId().equals(StoredEvidence.parse(utf8(stored)).anchoredTxId())) {
                anchored.putIfAbsent(record.evidenceId(), record);
            }
            out.append(out.length() > 1 ? "," : "").append(stored);
        }
        emitEvent(tx, List.copyOf(anchored.values()));
        return out.append(']').toString();
    }

    /**
     * Anchors a batch: the record (JSON of {@link BatchRecord}) and the JSON array of the SHA-256
     * hex digests it covers, in leaf order. The contract recomputes the root and keeps the digests in the world state
     * in pages of {@value BatchRecord#LEAVES_PER_PAGE} ({@link StateKeys#BATCH_LEAVES}), so that
     * {@link #findInBatch} answers whether a digest is an item of the batch. Items are not indexed one by one by
     * digest: on a Fabric peer every write is a round trip between the chaincode and the peer, and a write per digest
     * bounds a batch at a few thousand digests a second (docs/benchmarks.md); which batch holds a digest is known to
     * whoever anchored it (the inclusion proofs returned) and is confirmed here.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorBatch(Context ctx, String recordJson, String digestsJson) {
        requireWriter(ctx);
        BatchRecord record = CanonicalJson.read(recordJson, BatchRecord.class);
        record.validate();
        List<String> digests = parseDigests(digestsJson);
        if (digests.size() != record.leafCount()) {
            throw ErrorCode.INVALID_RECORD.exception("leafCount is " + record.leafCount()
                    + " but " + digests.size() + " digests were sent");
        }
        List<byte[]> leaves = new ArrayList<>(digests.size());
        HexFormat hex = HexFormat.of();
        for (String digest : digests) {
            leaves.add(hex.parseHex(digest));
        }
        String root = hex.formatHex(ProjectSeal.merkleRoot(leaves));
        if (!root.equals(record.merkleRoot())) {
            throw ErrorCode.INVALID_RECORD.exception("merkleRoot " + record.merkleRoot()
                    + " is not the root of the digests sent (" + root + ")");
        }
        TxState tx = new TxState(ctx.getStub(), false);
        String stored = anchor(tx, record, () -> { }, () -> {
            for (int from = 0; from < digests.size(); from += BatchRecord.LEAVES_PER_PAGE) {
                List<String> page = digests.subList(from, Math.min(digests.size(), from + BatchRecord.LEAVES_PER_PAGE));
                ArrayNode pageJson = CanonicalJson.mapper().createArrayNode();
                page.forEach(pageJson::add);
                tx.put(StateKeys.batchLeaves(record.evidenceId(), from / BatchRecord.LEAVES_PER_PAGE),
                        CanonicalJson.bytes(pageJson));
            }
        });
        emitEvent(tx, List.of(record));
        return stored;
    }

    /**
     * Seals a project (JSON of {@link SealRecord}): the root and count must cover exactly the
     * project's anchored evidence; afterwards nothing more is anchored to it.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String seal(Context ctx, String recordJson) {
        requireWriter(ctx);
        SealRecord record = CanonicalJson.read(recordJson, SealRecord.class);
        record.validate();
        ChaincodeStub stub = ctx.getStub();
        TxState tx = new TxState(stub, false);
        List<byte[]> records = new ArrayList<>();
        String stored = anchor(tx, record, () -> {
            for (byte[] value : projectEvidence(stub, record.projectId())) {
                records.add(StoredEvidence.parse(value).recordBytes());
            }
            if (record.evidenceCount() != records.size()) {
                throw ErrorCode.SEAL_MISMATCH.exception("project " + record.projectId() + " has "
                        + records.size() + " records, the seal covers " + record.evidenceCount());
            }
            String root = ProjectSeal.root(records);
            if (!root.equals(record.root())) {
                throw ErrorCode.SEAL_MISMATCH.exception("project " + record.projectId() + " root is "
                        + root + ", the seal says " + record.root());
            }
        }, () -> tx.put(StateKeys.project(record.projectId()),
                CanonicalJson.bytes(new ProjectState(records.size() + 1, record.evidenceId()))));
        emitEvent(tx, List.of(record));
        return stored;
    }

    /** The stored evidence under an id, or {@link ErrorCode#NOT_FOUND}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String readEvidence(Context ctx, String evidenceId) {
        Fields.id("evidenceId", evidenceId);
        byte[] value = ctx.getStub().getState(StateKeys.evidence(evidenceId));
        if (value == null || value.length == 0) {
            throw ErrorCode.NOT_FOUND.exception("no evidence " + evidenceId);
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The stored evidence of a project's current facts (its latest {@link ProjectRecord}), or NOT_FOUND. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String readProjectFacts(Context ctx, String projectId) {
        Fields.projectId(projectId);
        ChaincodeStub stub = ctx.getStub();
        byte[] head = stub.getState(StateKeys.projectFacts(projectId));
        if (head == null || head.length == 0) {
            throw ErrorCode.NOT_FOUND.exception("no facts of project " + projectId);
        }
        return new String(stub.getState(StateKeys.evidence(new String(head, StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8);
    }

    /**
     * Evidence holding a SHA-256 or SM3 digest: a JSON array of
     * {@code {"evidence":{stored},"leafIndex":n|null}}: documents by either digest, and items of batches anchored
     * before batches kept their leaves in pages (leafIndex set). A batch's items are found with {@link #findInBatch}.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String findByDigest(Context ctx, String hexDigest) {
        String digest = hexDigest == null ? null : hexDigest.toLowerCase(java.util.Locale.ROOT);
        Fields.hex256("digest", digest);
        ChaincodeStub stub = ctx.getStub();
        StringBuilder out = new StringBuilder("[");
        try (QueryResultsIterator<KeyValue> hits = stub.getStateByPartialCompositeKey(StateKeys.DIGEST, digest)) {
            for (KeyValue hit : hits) {
                JsonNode index = CanonicalJson.tree(hit.getValue());
                byte[] stored = stub.getState(StateKeys.evidence(index.path("evidenceId").asText()));
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append("{\"evidence\":").append(new String(stored, StandardCharsets.UTF_8))
                        .append(",\"leafIndex\":").append(index.path("leafIndex").isNull()
                                ? "null" : Long.toString(index.path("leafIndex").asLong()))
                        .append('}');
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return out.append(']').toString();
    }

    /**
     * Whether a SHA-256 digest is an item of a batch: {@code {"evidence":{stored batch},"leafIndex":n}} with its first
     * place among the batch's leaves, or NOT_FOUND (no such batch, or not one of its items).
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String findInBatch(Context ctx, String batchId, String hexDigest) {
        Fields.id("batchId", batchId);
        String digest = hexDigest == null ? null : hexDigest.toLowerCase(java.util.Locale.ROOT);
        Fields.hex256("digest", digest);
        ChaincodeStub stub = ctx.getStub();
        byte[] stored = stub.getState(StateKeys.evidence(batchId));
        if (stored == null || stored.length == 0 || StoredEvidence.parse(stored).record().kind() != EvidenceKind.BATCH) {
            throw ErrorCode.NOT_FOUND.exception("no batch " + batchId);
        }
        Long leafIndex = leafIndexInPages(stub, batchId, digest);
        if (leafIndex == null) {
            byte[] indexed = stub.getState(StateKeys.digest(digest, batchId));
            if (indexed != null && indexed.length > 0) {
                leafIndex = CanonicalJson.tree(indexed).path("leafIndex").asLong();
            }
        }
        if (leafIndex == null) {
            throw ErrorCode.NOT_FOUND.exception(digest + " is not an item of batch " + batchId);
        }
        return "{\"evidence\":" + new String(stored, StandardCharsets.UTF_8) + ",\"leafIndex\":" + leafIndex + "}";
    }

    /** The first place of a digest among a batch's leaf pages, or null (also for batches anchored before pages). */
    private static Long leafIndexInPages(ChaincodeStub stub, String batchId, String digest) {
        try (QueryResultsIterator<KeyValue> pages = stub.getStateByPartialCompositeKey(StateKeys.BATCH_LEAVES, batchId)) {
            long offset = 0;
            for (KeyValue page : pages) {
                JsonNode leaves = CanonicalJson.tree(page.getValue());
                for (int i = 0; i < leaves.size(); i++) {
                    if (digest.equals(leaves.get(i).asText())) {
                        return offset + i;
                    }
                }
                offset += leaves.size();
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return null;
    }

    /** A project's evidence in ledger order: a JSON array of stored evidence. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listByProject(Context ctx, String projectId) {
        Fields.projectId(projectId);
        StringBuilder out = new StringBuilder("[");
        for (byte[] stored : projectEvidence(ctx.getStub(), projectId)) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(new String(stored, StandardCharsets.UTF_8));
        }
        return out.append(']').toString();
    }

    // ---- rules ----

    private void requireWriter(Context ctx) {
        ClientIdentity identity = ctx.getClientIdentity();
        if (identity == null || !writerMsp.equals(identity.getMSPID())) {
            throw ErrorCode.ACCESS_DENIED.exception("only " + writerMsp + " may write; caller is "
                    + (identity == null ? "unknown" : identity.getMSPID()));
        }
        if (!identity.assertAttributeValue(WRITER_ATTRIBUTE, "true")) {
            throw ErrorCode.ACCESS_DENIED.exception("caller's certificate lacks " + WRITER_ATTRIBUTE + "=true");
        }
    }

    /**
     * The rules every kind shares: nothing is overwritten (the same record again returns the stored one), nothing
     * is added to a sealed project. Writes the evidence key, the project item key (in
     * {@link StoredEvidence#LEDGER_ORDER}) and whatever {@code kindWrites} adds. Reads only the evidence key and the
     * project's state (which changes once, at the seal), so the result does not depend on the peer's height.
     */
    private String anchor(TxState tx, EvidenceRecord record, Runnable kindRules, Runnable kindWrites) {
        ChaincodeStub stub = tx.stub();
        String key = StateKeys.evidence(record.evidenceId());
        byte[] existing = tx.get(key);
        if (existing != null && existing.length > 0) {
            StoredEvidence stored = StoredEvidence.parse(existing);
            if (stored.kind() == record.kind()
                    && Arrays.equals(stored.recordBytes(), CanonicalJson.bytes(record))) {
                return new String(existing, StandardCharsets.UTF_8);
            }
            throw ErrorCode.RECORD_CONFLICT.exception("evidence " + record.evidenceId()
                    + " is already anchored with a different record");
        }
        ProjectState project = ProjectState.parse(tx.get(StateKeys.project(record.projectId())));
        if (project.sealed()) {
            throw ErrorCode.PROJECT_SEALED.exception("project " + record.projectId() + " is sealed by "
                    + project.sealId());
        }
        kindRules.run();
        Instant time = stub.getTxTimestamp();
        int position = tx.nextPosition();
        byte[] value = new StoredEvidence(record.kind(), record, stub.getTxId(),
                DateTimeFormatter.ISO_INSTANT.format(time), null, tx.group() ? position : null).toBytes();
        tx.put(key, value);
        tx.put(StateKeys.projectItem(record.projectId(), time, stub.getTxId(), position),
                utf8(record.evidenceId()));
        kindWrites.run();
        return new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The chaincode event of a transaction (Fabric keeps one per transaction): for one record
     * {@code {"evidenceId","kind","projectId","txId"}}, for several {@code {"items":[{"evidenceId","kind",
     * "projectId"},...],"txId"}}; none when nothing new was anchored.
     */
    private static void emitEvent(TxState tx, List<? extends EvidenceRecord> anchored) {
        ChaincodeStub stub = tx.stub();
        if (anchored.isEmpty() || !stub.getTxId().equals(StoredEvidence.parse(
                tx.get(StateKeys.evidence(anchored.get(0).evidenceId()))).anchoredTxId())) {
            return;
        }
        ObjectNode event = CanonicalJson.mapper().createObjectNode();
        if (anchored.size() == 1) {
            describe(event, anchored.get(0));
        } else {
            ArrayNode items = event.putArray("items");
            for (EvidenceRecord record : anchored) {
                describe(items.addObject(), record);
            }
        }
        event.put("txId", stub.getTxId());
        stub.setEvent(EVENT_NAME, CanonicalJson.bytes(event));
    }

    private static void describe(ObjectNode node, EvidenceRecord record) {
        node.put("evidenceId", record.evidenceId());
        node.put("kind", record.kind().name());
        node.put("projectId", record.projectId());
    }

    private static void checkVersion(TxState tx, DocumentRecord record) {
        int version = record.version();
        String previousId = record.previousEvidenceId();
        if (version == 1) {
            if (previousId != null) {
                throw ErrorCode.VERSION_MISMATCH.exception("version 1 must not name a previous version");
            }
            return;
        }
        if (previousId == null) {
            throw ErrorCode.VERSION_MISMATCH.exception("version " + version + " must name its previous version");
        }
        byte[] value = tx.get(StateKeys.evidence(previousId));
        StoredEvidence previous = value == null || value.length == 0 ? null : StoredEvidence.parse(value);
        if (previous == null || !(previous.record() instanceof DocumentRecord document)
                || !document.projectId().equals(record.projectId())
                || !document.documentType().equals(record.documentType())) {
            throw ErrorCode.UNKNOWN_PREVIOUS_VERSION.exception("no " + record.documentType() + " document "
                    + previousId + " in project " + record.projectId());
        }
        if (document.version() + 1 != version) {
            throw ErrorCode.VERSION_MISMATCH.exception(previousId + " is version " + document.version()
                    + ", so the next is " + (document.version() + 1) + ", not " + version);
        }
        byte[] successor = tx.get(StateKeys.successor(previousId));
        if (successor != null && successor.length > 0) {
            throw ErrorCode.VERSION_MISMATCH.exception(previousId + " was already superseded by "
                    + new String(successor, StandardCharsets.UTF_8));
        }
    }

    private static void checkProjectVersion(TxState tx, ProjectRecord record) {
        byte[] head = tx.get(StateKeys.projectFacts(record.projectId()));
        String currentId = head == null || head.length == 0 ? null : new String(head, StandardCharsets.UTF_8);
        if (currentId == null) {
            if (record.version() != 1 || record.previousEvidenceId() != null) {
                throw ErrorCode.VERSION_MISMATCH.exception("project " + record.projectId()
                        + " has no facts yet, so this must be version 1 naming no previous version");
            }
            return;
        }
        if (!currentId.equals(record.previousEvidenceId())) {
            throw ErrorCode.VERSION_MISMATCH.exception("the current facts of project " + record.projectId() + " are "
                    + currentId + "; a new version must name it, not " + record.previousEvidenceId());
        }
        ProjectRecord current = (ProjectRecord) StoredEvidence.parse(tx.get(StateKeys.evidence(currentId))).record();
        if (current.version() + 1 != record.version()) {
            throw ErrorCode.VERSION_MISMATCH.exception(currentId + " is version " + current.version()
                    + ", so the next is " + (current.version() + 1) + ", not " + record.version());
        }
        if (!current.code().equals(record.code())) {
            throw ErrorCode.INVALID_RECORD.exception("a project's code never changes: " + current.code());
        }
    }

    /** Indexes a document's digest; leafIndex is always null now (it was set for items of early batches). */
    private static void indexDigest(TxState tx, String digest, String evidenceId) {
        ObjectNode index = CanonicalJson.mapper().createObjectNode();
        index.put("evidenceId", evidenceId);
        index.putNull("leafIndex");
        tx.put(StateKeys.digest(digest, evidenceId), CanonicalJson.bytes(index));
    }

    private static List<String> parseDigests(String digestsJson) {
        JsonNode array = CanonicalJson.tree(digestsJson == null ? new byte[0] : utf8(digestsJson));
        if (!array.isArray()) {
            throw ErrorCode.INVALID_RECORD.exception("digests must be a JSON array of hex strings");
        }
        if (array.size() == 0 || array.size() > BatchRecord.MAX_LEAVES) {
            throw ErrorCode.INVALID_RECORD.exception("a batch holds 1 to " + BatchRecord.MAX_LEAVES + " digests");
        }
        List<String> digests = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            String digest = element.isTextual() ? element.textValue() : null;
            Fields.hex256("digests[" + digests.size() + "]", digest);
            digests.add(digest);
        }
        return digests;
    }

    private static List<EvidenceRecord> parseGroup(String itemsJson) {
        JsonNode array = CanonicalJson.tree(itemsJson == null ? new byte[0] : utf8(itemsJson));
        if (!array.isArray() || array.size() == 0 || array.size() > MAX_GROUP) {
            throw ErrorCode.INVALID_RECORD.exception("a group is a JSON array of 1 to " + MAX_GROUP
                    + " {\"kind\",\"record\"} items");
        }
        List<EvidenceRecord> records = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            EvidenceKind kind;
            try {
                kind = EvidenceKind.valueOf(item.path("kind").asText());
            } catch (IllegalArgumentException e) {
                throw ErrorCode.INVALID_RECORD.exception("group item " + records.size() + " has no valid kind");
            }
            if (!item.path("record").isObject() || item.size() != 2) {
                throw ErrorCode.INVALID_RECORD.exception("group item " + records.size()
                        + " must be {\"kind\",\"record\"}");
            }
            EvidenceRecord record = CanonicalJson.read(item.get("record"), StoredEvidence.recordType(kind));
            record.validate();
            records.add(record);
        }
        return records;
    }

    private static List<byte[]> projectEvidence(ChaincodeStub stub, String projectId) {
        List<byte[]> out = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> items = stub.getStateByPartialCompositeKey(StateKeys.PROJECT_ITEM, projectId)) {
            for (KeyValue item : items) {
                out.add(stub.getState(StateKeys.evidence(item.getStringValue())));
            }
        } catch (Exception e) {
            throw rethrow(e);
        }
        return out;
    }

    private static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
