package cn.landreserve.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.chaincode.testing.PeerStub;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EvidenceContractTest {
    private static final String SHA = "a".repeat(64);
    private static final String SM3 = "b".repeat(64);
    private static final String NAME_SHA = "c".repeat(64);
    private static final String DOC1 = """
            {"evidenceId":"doc-1","projectId":"P1","stage":"INITIATION","documentType":"IMPLEMENTATION_PLAN",\
            "version":1,"previousEvidenceId":null,"sha256":"%s","sm3":"%s","size":1024,\
            "mediaType":"application/pdf","classification":"INTERNAL","uploadedBy":"张三","uploadedAt":"2025-03-01T07:59:00Z",\
            "originalNameSha256":"%s"}
            """.formatted(SHA, SM3, NAME_SHA);
    private static final String DOC1_STORED = "{\"anchoredAt\":\"2025-03-01T08:00:00Z\",\"anchoredTxId\":\"tx1\","
            + "\"kind\":\"DOCUMENT\",\"record\":{\"classification\":\"INTERNAL\",\"documentType\":\"IMPLEMENTATION_PLAN\","
            + "\"evidenceId\":\"doc-1\",\"mediaType\":\"application/pdf\",\"originalNameSha256\":\"" + NAME_SHA + "\","
            + "\"previousEvidenceId\":null,\"projectId\":\"P1\","
            + "\"sha256\":\"" + SHA + "\",\"size\":1024,\"sm3\":\"" + SM3 + "\",\"stage\":\"INITIATION\","
            + "\"uploadedAt\":\"2025-03-01T07:59:00Z\",\"uploadedBy\":\"张三\",\"version\":1}}";
    private static final String T0 = "1740816000000000000";

    private final EvidenceContract contract = new EvidenceContract();
    private PeerStub stub;

    @BeforeEach
    void setUp() {
        stub = TestPeer.empty();
    }

    private Context ctx() {
        return new Context(stub.stub());
    }

    private String anchorDoc(String txId, String json) {
        stub.begin(txId);
        String result = contract.anchorDocument(ctx(), json);
        stub.commit();
        return result;
    }

    private static String doc(String id, int version, String previous, String type, String sha) {
        return DOC1.replace("\"doc-1\"", "\"" + id + "\"").replace("\"version\":1", "\"version\":" + version)
                .replace("\"previousEvidenceId\":null", "\"previousEvidenceId\":"
                        + (previous == null ? "null" : "\"" + previous + "\""))
                .replace("IMPLEMENTATION_PLAN", type).replace(SHA, sha);
    }

    private static ErrorCode codeOf(Runnable action) {
        try {
            action.run();
        } catch (ContractRejection e) {
            assertThat(e.getMessage()).startsWith(e.code().name() + ": ");
            assertThat(new String(e.getPayload(), StandardCharsets.UTF_8)).isEqualTo(e.code().name());
            return e.code();
        }
        throw new AssertionError("no ContractRejection");
    }

    @Test
    void anchorDocument_writes_exact_state_bytes_indexes_and_event() {
        stub.begin("tx1");
        String result = contract.anchorDocument(ctx(), DOC1);

        assertThat(result).isEqualTo(DOC1_STORED);
        assertThat(stub.written(StateKeys.evidence("doc-1"))).isEqualTo(DOC1_STORED);
        assertThat(stub.written(new CompositeKey("projectItem", "P1", T0, "tx1", "000000").toString())).isEqualTo("doc-1");
        assertThat(stub.written(StateKeys.project("P1"))).isNull();
        assertThat(stub.written(StateKeys.digest(SHA, "doc-1"))).isEqualTo("{\"evidenceId\":\"doc-1\",\"leafIndex\":null}");
        assertThat(stub.written(StateKeys.digest(SM3, "doc-1"))).isEqualTo("{\"evidenceId\":\"doc-1\",\"leafIndex\":null}");
        assertThat(stub.writes()).hasSize(4);
        assertThat(stub.event().getEventName()).isEqualTo("EvidenceAnchored");
        assertThat(new String(stub.event().getPayload().toByteArray(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"evidenceId\":\"doc-1\",\"kind\":\"DOCUMENT\",\"projectId\":\"P1\",\"txId\":\"tx1\"}");
    }

    @Test
    void state_keys_are_the_shims_composite_keys() {
        assertThat(StateKeys.evidence("doc-1")).isEqualTo(new CompositeKey("evidence", "doc-1").toString());
        assertThat(StateKeys.projectItem("P1", java.time.Instant.parse("2025-03-01T08:00:00.000000007Z"), "tx1", 12))
                .isEqualTo(new CompositeKey("projectItem", "P1", "1740816000000000007", "tx1", "000012").toString());
    }

    @Test
    void same_record_again_returns_the_stored_one_and_writes_nothing() {
        anchorDoc("tx1", DOC1);
        stub.begin("tx2");
        String again = contract.anchorDocument(ctx(), DOC1.replace("\"size\":1024,", "\"size\":1024 ,"));
        assertThat(again).isEqualTo(DOC1_STORED);
        assertThat(stub.writes()).isEmpty();
        assertThat(stub.event()).isNull();
    }

    @Test
    void different_record_under_the_same_id_is_RECORD_CONFLICT() {
        anchorDoc("tx1", DOC1);
        stub.begin("tx2");
        assertThat(codeOf(() -> contract.anchorDocument(ctx(), DOC1.replace("1024", "1025"))))
                .isEqualTo(ErrorCode.RECORD_CONFLICT);
        assertThat(stub.writes()).isEmpty();
    }

    @Test
    void malformed_records_are_INVALID_RECORD() {
        List<String> bad = List.of(
                DOC1.replace(SHA, SHA.toUpperCase()),
                DOC1.replace(SHA, SHA.substring(1)),
                DOC1.replace("\"size\":1024", "\"size\":0"),
                DOC1.replace("\"size\":1024", "\"size\":\"1024\""),
                DOC1.replace("\"version\":1", "\"version\":1.5"),
                DOC1.replace("\"stage\":\"INITIATION\",", ""),
                DOC1.replace("\"stage\":\"INITIATION\"", "\"stage\":7"),
                DOC1.replace("INTERNAL", "SECRET"),
                DOC1.replace("application/pdf", "pdf"),
                DOC1.replace("2025-03-01T07:59:00Z", "2025-03-01 07:59"),
                DOC1.replace("2025-03-01T07:59:00Z", "2025-03-01T07:59:00+08:00"),
                DOC1.replace("\"doc-1\"", "\"doc 1\""),
                DOC1.replace("\"doc-1\"", "\"" + "x".repeat(129) + "\""),
                DOC1.replace("张三", "a\nb"),
                DOC1.replace("{\"evidenceId\"", "{\"extra\":1,\"evidenceId\""),
                DOC1.replace("{\"evidenceId\":\"doc-1\",", "{\"evidenceId\":\"doc-1\",\"evidenceId\":\"doc-2\","),
                DOC1 + "{}",
                "[]",
                "not json");
        for (String json : bad) {
            stub.begin("tx1");
            assertThat(codeOf(() -> contract.anchorDocument(ctx(), json))).as(json).isEqualTo(ErrorCode.INVALID_RECORD);
            assertThat(stub.writes()).isEmpty();
        }
    }

    @Test
    void new_version_must_follow_an_existing_version_of_the_same_project_and_type() {
        anchorDoc("tx1", DOC1);
        String c = "c".repeat(64);
        assertThat(codeOf(() -> anchorDoc("t", doc("doc-2", 2, "nope", "IMPLEMENTATION_PLAN", c))))
                .isEqualTo(ErrorCode.UNKNOWN_PREVIOUS_VERSION);
        assertThat(codeOf(() -> anchorDoc("t", doc("doc-2", 2, "doc-1", "BUDGET_ESTIMATE", c))))
                .isEqualTo(ErrorCode.UNKNOWN_PREVIOUS_VERSION);
        assertThat(codeOf(() -> anchorDoc("t", doc("doc-2", 3, "doc-1", "IMPLEMENTATION_PLAN", c))))
                .isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(codeOf(() -> anchorDoc("t", doc("doc-2", 2, null, "IMPLEMENTATION_PLAN", c))))
                .isEqualTo(ErrorCode.VERSION_MISMATCH);
        assertThat(codeOf(() -> anchorDoc("t", doc("doc-2", 1, "doc-1", "IMPLEMENTATION_PLAN", c))))
                .isEqualTo(ErrorCode.VERSION_MISMATCH);

        stub.begin("tx2");
        String stored = contract.anchorDocument(ctx(), doc("doc-2", 2, "doc-1", "IMPLEMENTATION_PLAN", c));
        assertThat(stored).contains("\"previousEvidenceId\":\"doc-1\"").doesNotContain("sequence");
        assertThat(stub.written(StateKeys.successor("doc-1"))).isEqualTo("doc-2");
        stub.commit();

        assertThat(codeOf(() -> anchorDoc("t", doc("doc-3", 2, "doc-1", "IMPLEMENTATION_PLAN", "d".repeat(64)))))
                .isEqualTo(ErrorCode.VERSION_MISMATCH);
    }

    @Test
    void anchorDecision_writes_exact_bytes_and_requires_relied_on_evidence_of_the_project() {
        anchorDoc("tx1", DOC1);
        String decision = "{\"evidenceId\":\"dec-1\",\"projectId\":\"P1\",\"stage\":\"REVIEW\",\"taskId\":\"t-9\","
                + "\"elementId\":\"Task_ReviewPlan\",\"processDefinitionId\":\"landReserve:3:abc\","
                + "\"processDefinitionVersion\":3,\"outcome\":\"APPROVE\",\"opinionSha256\":\"" + SHA + "\","
                + "\"actor\":\"li.si\",\"role\":\"REVIEWER_FINANCE\",\"reliedOn\":[\"doc-1\"],"
                + "\"decidedAt\":\"2025-03-02T01:00:00Z\"}";
        stub.begin("tx2");
        String stored = contract.anchorDecision(ctx(), decision);
        assertThat(stored).isEqualTo("{\"anchoredAt\":\"2025-03-01T08:00:00Z\",\"anchoredTxId\":\"tx2\","
                + "\"kind\":\"DECISION\",\"record\":{\"actor\":\"li.si\",\"decidedAt\":\"2025-03-02T01:00:00Z\","
                + "\"elementId\":\"Task_ReviewPlan\",\"evidenceId\":\"dec-1\",\"opinionSha256\":\"" + SHA + "\","
                + "\"outcome\":\"APPROVE\",\"processDefinitionId\":\"landReserve:3:abc\",\"processDefinitionVersion\":3,"
                + "\"projectId\":\"P1\",\"reliedOn\":[\"doc-1\"],\"role\":\"REVIEWER_FINANCE\",\"stage\":\"REVIEW\","
                + "\"taskId\":\"t-9\"}}");
        assertThat(stub.written(StateKeys.evidence("dec-1"))).isEqualTo(stored);
        assertThat(stub.writes()).hasSize(2);

        stub.begin("tx3");
        assertThat(codeOf(() -> contract.anchorDecision(ctx(),
                decision.replace("dec-1", "dec-2").replace("[\"doc-1\"]", "[\"doc-9\"]"))))
                .isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void anchorBatch_checks_the_root_and_keeps_the_leaves_in_pages_where_findInBatch_finds_them() {
        HexFormat hex = HexFormat.of();
        List<String> digests = List.of("1".repeat(64), "2".repeat(64), "3".repeat(64));
        String root = hex.formatHex(ProjectSeal.merkleRoot(digests.stream().map(hex::parseHex).toList()));
        String batch = "{\"evidenceId\":\"batch-1\",\"projectId\":\"P1\",\"merkleRoot\":\"" + root
                + "\",\"leafCount\":3,\"algorithm\":\"RFC6962-SHA256\",\"anchoredBy\":\"importer\"}";
        String digestsJson = "[\"" + String.join("\",\"", digests) + "\"]";

        stub.begin("tx1");
        String stored = contract.anchorBatch(ctx(), batch, digestsJson);
        assertThat(stored).isEqualTo("{\"anchoredAt\":\"2025-03-01T08:00:00Z\",\"anchoredTxId\":\"tx1\","
                + "\"kind\":\"BATCH\",\"record\":{\"algorithm\":\"RFC6962-SHA256\",\"anchoredBy\":\"importer\","
                + "\"evidenceId\":\"batch-1\",\"leafCount\":3,\"merkleRoot\":\"" + root + "\",\"projectId\":\"P1\"}}");
        assertThat(stub.written(StateKeys.batchLeaves("batch-1", 0))).isEqualTo(digestsJson);
        assertThat(stub.written(StateKeys.digest("2".repeat(64), "batch-1"))).isNull();
        stub.commit();
        assertThat(contract.findInBatch(ctx(), "batch-1", "3".repeat(64).toUpperCase()))
                .isEqualTo("{\"evidence\":" + stored + ",\"leafIndex\":2}");
        assertThat(codeOf(() -> contract.findInBatch(ctx(), "batch-1", "4".repeat(64)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(() -> contract.findInBatch(ctx(), "batch-9", "3".repeat(64)))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(() -> contract.findInBatch(ctx(), "batch-1", "3"))).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(contract.findByDigest(ctx(), "3".repeat(64))).isEqualTo("[]");

        stub.begin("tx2");
        assertThat(codeOf(() -> contract.anchorBatch(ctx(), batch.replace("batch-1", "batch-2"),
                digestsJson.replace("1111", "1112")))).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(codeOf(() -> contract.anchorBatch(ctx(), batch.replace("batch-1", "batch-2")
                .replace("\"leafCount\":3", "\"leafCount\":2"), digestsJson))).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(codeOf(() -> contract.anchorBatch(ctx(), batch.replace("RFC6962-SHA256", "SHA1"), digestsJson)))
                .isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void a_large_batch_writes_one_key_per_page_of_leaves_not_one_per_digest() {
        HexFormat hex = HexFormat.of();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            digests.add(String.format("%064x", i % 2_400));
        }
        String root = hex.formatHex(ProjectSeal.merkleRoot(digests.stream().map(hex::parseHex).toList()));
        String batch = "{\"evidenceId\":\"batch-big\",\"projectId\":\"P1\",\"merkleRoot\":\"" + root
                + "\",\"leafCount\":2500,\"algorithm\":\"RFC6962-SHA256\",\"anchoredBy\":\"importer\"}";

        stub.begin("tx1");
        contract.anchorBatch(ctx(), batch, "[\"" + String.join("\",\"", digests) + "\"]");
        assertThat(stub.writes().keySet()).containsExactlyInAnyOrder(StateKeys.evidence("batch-big"),
                StateKeys.projectItem("P1", Instant.parse("2025-03-01T08:00:00Z"), "tx1", 0),
                StateKeys.batchLeaves("batch-big", 0), StateKeys.batchLeaves("batch-big", 1),
                StateKeys.batchLeaves("batch-big", 2));
        stub.commit();

        assertThat(contract.findInBatch(ctx(), "batch-big", String.format("%064x", 2_399))).endsWith(",\"leafIndex\":2399}");
        // a digest that is twice in the batch is found at its first place
        assertThat(contract.findInBatch(ctx(), "batch-big", String.format("%064x", 5))).endsWith(",\"leafIndex\":5}");
        assertThat(codeOf(() -> contract.findInBatch(ctx(), "batch-big", String.format("%064x", 2_400))))
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void findInBatch_finds_items_of_a_batch_indexed_one_by_one_before_leaf_pages() {
        stub.begin("tx1");
        contract.anchorBatch(ctx(), "{\"evidenceId\":\"batch-old\",\"projectId\":\"P1\",\"merkleRoot\":\""
                + HexFormat.of().formatHex(ProjectSeal.merkleRoot(List.of(HexFormat.of().parseHex("1".repeat(64)))))
                + "\",\"leafCount\":1,\"algorithm\":\"RFC6962-SHA256\",\"anchoredBy\":\"importer\"}",
                "[\"" + "1".repeat(64) + "\"]");
        stub.commit();
        // the layout of earlier ledgers: no pages, one digest index key per item
        stub.committed().remove(StateKeys.batchLeaves("batch-old", 0));
        stub.committed().put(StateKeys.digest("1".repeat(64), "batch-old"), new PeerStub.Versioned(
                "{\"evidenceId\":\"batch-old\",\"leafIndex\":0}".getBytes(StandardCharsets.UTF_8), 1, 0));

        assertThat(contract.findInBatch(ctx(), "batch-old", "1".repeat(64))).endsWith(",\"leafIndex\":0}");
        assertThat(codeOf(() -> contract.findInBatch(ctx(), "batch-old", "2".repeat(64)))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void seal_covers_exactly_the_projects_evidence_and_closes_the_project() {
        String first = anchorDoc("tx1", DOC1);
        String second = anchorDoc("tx2", doc("doc-2", 1, null, "SITE_SURVEY", "c".repeat(64)));
        String root = ProjectSeal.root(List.of(StoredEvidence.parse(first.getBytes(StandardCharsets.UTF_8)).recordBytes(),
                StoredEvidence.parse(second.getBytes(StandardCharsets.UTF_8)).recordBytes()));
        String seal = "{\"evidenceId\":\"seal:P1\",\"projectId\":\"P1\",\"root\":\"" + root
                + "\",\"evidenceCount\":2,\"sealedAt\":\"2025-04-01T00:00:00Z\"}";

        stub.begin("tx3");
        assertThat(codeOf(() -> contract.seal(ctx(), seal.replace("\"evidenceCount\":2", "\"evidenceCount\":1"))))
                .isEqualTo(ErrorCode.SEAL_MISMATCH);
        assertThat(codeOf(() -> contract.seal(ctx(), seal.replace(root, "0".repeat(64)))))
                .isEqualTo(ErrorCode.SEAL_MISMATCH);
        assertThat(codeOf(() -> contract.seal(ctx(), seal.replace("seal:P1", "seal-P1"))))
                .isEqualTo(ErrorCode.INVALID_RECORD);

        String sealed = contract.seal(ctx(), seal);
        assertThat(sealed).isEqualTo("{\"anchoredAt\":\"2025-03-01T08:00:00Z\",\"anchoredTxId\":\"tx3\",\"kind\":\"SEAL\","
                + "\"record\":{\"evidenceCount\":2,\"evidenceId\":\"seal:P1\",\"projectId\":\"P1\",\"root\":\"" + root
                + "\",\"sealedAt\":\"2025-04-01T00:00:00Z\"}}");
        assertThat(stub.written(StateKeys.project("P1"))).isEqualTo("{\"count\":3,\"sealId\":\"seal:P1\"}");
        stub.commit();

        assertThat(codeOf(() -> anchorDoc("tx4", doc("doc-3", 1, null, "SITE_SURVEY", "e".repeat(64)))))
                .isEqualTo(ErrorCode.PROJECT_SEALED);
        assertThat(anchorDoc("tx5", DOC1)).isEqualTo(DOC1_STORED);
        stub.begin("tx6");
        assertThat(contract.seal(ctx(), seal)).isEqualTo(sealed);
        assertThat(stub.writes()).isEmpty();
    }

    @Test
    void reads_list_and_find() {
        anchorDoc("tx1", DOC1);
        String second = anchorDoc("tx2", doc("doc-2", 1, null, "SITE_SURVEY", "c".repeat(64)));
        assertThat(contract.readEvidence(ctx(), "doc-1")).isEqualTo(DOC1_STORED);
        assertThat(codeOf(() -> contract.readEvidence(ctx(), "doc-9"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(contract.listByProject(ctx(), "P1")).isEqualTo("[" + DOC1_STORED + "," + second + "]");
        assertThat(contract.listByProject(ctx(), "P2")).isEqualTo("[]");
        assertThat(contract.findByDigest(ctx(), SHA.toUpperCase()))
                .isEqualTo("[{\"evidence\":" + DOC1_STORED + ",\"leafIndex\":null}]");
    }

    @Test
    void only_the_writer_msp_with_the_writer_attribute_may_write_and_anyone_may_read() {
        anchorDoc("tx1", DOC1);
        for (byte[] creator : List.of(
                TestIdentities.identity("OtherMSP", "{\"attrs\":{\"evidence.writer\":\"true\"}}"),
                TestIdentities.identity("ReserveBureauMSP", null),
                TestIdentities.identity("ReserveBureauMSP", "{\"attrs\":{\"evidence.writer\":\"false\"}}"))) {
            stub.creator(creator);
            stub.begin("tx2");
            assertThat(codeOf(() -> contract.anchorDocument(ctx(), DOC1))).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(contract.readEvidence(ctx(), "doc-1")).isEqualTo(DOC1_STORED);
        }
    }

    @Test
    void writer_msp_comes_from_the_constructor() {
        EvidenceContract other = new EvidenceContract("OtherMSP");
        stub.begin("tx1");
        assertThat(codeOf(() -> other.anchorDocument(ctx(), DOC1))).isEqualTo(ErrorCode.ACCESS_DENIED);
    }

    @Test
    void anchoring_reads_no_key_that_other_anchorings_write_so_peers_at_different_heights_agree() {
        anchorDoc("tx1", DOC1);
        PeerStub behind = TestPeer.empty();
        behind.committed().putAll(stub.committed());
        anchorDoc("tx2", doc("doc-2", 1, null, "SITE_SURVEY", "c".repeat(64)));
        String doc3 = doc("doc-3", 1, null, "BUDGET_ESTIMATE", "e".repeat(64));

        stub.begin("tx3");
        String ahead = contract.anchorDocument(ctx(), doc3);
        behind.begin("tx3");
        String lagging = contract.anchorDocument(new Context(behind.stub()), doc3);

        assertThat(stub.reads().keySet()).containsExactly(StateKeys.evidence("doc-3"), StateKeys.project("P1"));
        assertThat(lagging).isEqualTo(ahead);
        assertThat(behind.writes().keySet()).containsExactlyElementsOf(stub.writes().keySet());
        assertThat(behind.event().getPayload().toByteArray()).isEqualTo(stub.event().getPayload().toByteArray());
    }

    private static String item(String kind, String record) {
        return "{\"kind\":\"" + kind + "\",\"record\":" + record + "}";
    }

    private static String decision(String id, String reliedOn) {
        return "{\"evidenceId\":\"" + id + "\",\"projectId\":\"P1\",\"stage\":\"REVIEW\",\"taskId\":\"t-9\","
                + "\"elementId\":\"Task_ReviewPlan\",\"processDefinitionId\":\"landReserve:3:abc\","
                + "\"processDefinitionVersion\":3,\"outcome\":\"APPROVE\",\"opinionSha256\":null,"
                + "\"actor\":\"li.si\",\"role\":\"REVIEWER\",\"reliedOn\":" + reliedOn + ","
                + "\"decidedAt\":\"2025-03-02T01:00:00Z\"}";
    }

    @Test
    void a_group_anchors_each_record_under_its_own_key_in_order_and_each_sees_the_ones_before_it() {
        String v2 = doc("doc-1b", 2, "doc-1", "IMPLEMENTATION_PLAN", "c".repeat(64));
        String group = "[" + item("DOCUMENT", DOC1) + "," + item("DOCUMENT", v2) + ","
                + item("DECISION", decision("dec-1", "[\"doc-1\",\"doc-1b\"]")) + "]";

        stub.begin("tx1");
        String result = contract.anchorGroup(ctx(), group);

        List<String> stored = new java.util.ArrayList<>();
        CanonicalJson.tree(result.getBytes(StandardCharsets.UTF_8)).forEach(n -> stored.add(CanonicalJson.string(n)));
        assertThat(stored).hasSize(3);
        String doc1InGroup = DOC1_STORED.replace("\"kind\":\"DOCUMENT\",", "\"kind\":\"DOCUMENT\",\"position\":0,");
        assertThat(stored.get(0)).isEqualTo(doc1InGroup);
        assertThat(stored.get(2)).contains("\"position\":2,");
        assertThat(stub.written(StateKeys.evidence("doc-1"))).isEqualTo(stored.get(0));
        assertThat(stub.written(StateKeys.evidence("doc-1b"))).isEqualTo(stored.get(1));
        assertThat(stub.written(StateKeys.evidence("dec-1"))).isEqualTo(stored.get(2));
        assertThat(stub.written(StateKeys.successor("doc-1"))).isEqualTo("doc-1b");
        assertThat(stub.written(StateKeys.digest("c".repeat(64), "doc-1b"))).isNotNull();
        for (int i = 0; i < 3; i++) {
            assertThat(stub.written(new CompositeKey("projectItem", "P1", T0, "tx1", "00000" + i).toString()))
                    .isEqualTo(List.of("doc-1", "doc-1b", "dec-1").get(i));
        }
        assertThat(new String(stub.event().getPayload().toByteArray(), StandardCharsets.UTF_8)).isEqualTo("{\"items\":["
                + "{\"evidenceId\":\"doc-1\",\"kind\":\"DOCUMENT\",\"projectId\":\"P1\"},"
                + "{\"evidenceId\":\"doc-1b\",\"kind\":\"DOCUMENT\",\"projectId\":\"P1\"},"
                + "{\"evidenceId\":\"dec-1\",\"kind\":\"DECISION\",\"projectId\":\"P1\"}],\"txId\":\"tx1\"}");
        stub.commit();
        assertThat(contract.listByProject(ctx(), "P1")).isEqualTo("[" + String.join(",", stored) + "]");
        List<StoredEvidence> parsed = new java.util.ArrayList<>(stored.stream()
                .map(v -> StoredEvidence.parse(v.getBytes(StandardCharsets.UTF_8))).toList());
        java.util.Collections.reverse(parsed);
        parsed.sort(StoredEvidence.LEDGER_ORDER);
        assertThat(parsed).extracting(e -> e.record().evidenceId()).containsExactly("doc-1", "doc-1b", "dec-1");
        assertThat(contract.findByDigest(ctx(), "c".repeat(64))).contains("\"evidenceId\":\"doc-1b\"");

        stub.begin("tx2");
        String again = contract.anchorGroup(ctx(), "[" + item("DOCUMENT", DOC1) + "," + item("DOCUMENT",
                doc("doc-2", 1, null, "SITE_SURVEY", "d".repeat(64))) + "]");
        assertThat(again).startsWith("[" + doc1InGroup + ",").contains("\"anchoredTxId\":\"tx2\"");
        assertThat(new String(stub.event().getPayload().toByteArray(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"evidenceId\":\"doc-2\",\"kind\":\"DOCUMENT\",\"projectId\":\"P1\",\"txId\":\"tx2\"}");
    }

    @Test
    void one_refused_record_refuses_the_whole_group_and_a_group_holds_no_batch_or_seal() {
        anchorDoc("tx1", DOC1);
        String fresh = item("DOCUMENT", doc("doc-2", 1, null, "SITE_SURVEY", "d".repeat(64)));
        List<String> refused = List.of(
                "[" + fresh + "," + item("DOCUMENT", DOC1.replace("1024", "1025")) + "]",
                "[" + fresh + "," + item("DECISION", decision("dec-1", "[\"doc-9\"]")) + "]",
                "[" + fresh + "," + item("DOCUMENT", doc("doc-3", 2, "doc-1", "IMPLEMENTATION_PLAN", "e".repeat(64)))
                        + "," + item("DOCUMENT", doc("doc-4", 2, "doc-1", "IMPLEMENTATION_PLAN", "f".repeat(64))) + "]",
                "[" + fresh + "," + item("SEAL", "{\"evidenceId\":\"seal:P1\",\"projectId\":\"P1\",\"root\":\""
                        + SHA + "\",\"evidenceCount\":1,\"sealedAt\":\"2025-04-01T00:00:00Z\"}") + "]",
                "[" + fresh + ",{\"kind\":\"DOCUMENT\"}]",
                "[" + fresh + ",{\"kind\":\"NOPE\",\"record\":{}}]",
                "[]",
                "{}",
                "[" + String.join(",", java.util.Collections.nCopies(EvidenceContract.MAX_GROUP + 1, fresh)) + "]");
        List<ErrorCode> codes = new java.util.ArrayList<>();
        for (String group : refused) {
            stub.begin("tx2");
            codes.add(codeOf(() -> contract.anchorGroup(ctx(), group)));
        }
        assertThat(codes).containsExactly(ErrorCode.RECORD_CONFLICT, ErrorCode.INVALID_RECORD,
                ErrorCode.VERSION_MISMATCH, ErrorCode.INVALID_RECORD, ErrorCode.INVALID_RECORD,
                ErrorCode.INVALID_RECORD, ErrorCode.INVALID_RECORD, ErrorCode.INVALID_RECORD, ErrorCode.INVALID_RECORD);
    }
}
