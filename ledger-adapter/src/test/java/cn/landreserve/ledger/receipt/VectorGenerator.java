package cn.landreserve.ledger.receipt;

import cn.landreserve.ledger.embedded.EmbeddedLedger;
import cn.landreserve.ledger.embedded.EmbeddedLedgerOptions;
import cn.landreserve.ledger.support.TestRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes the receipt and inclusion-proof test vectors: happy receipts from a fresh embedded ledger
 * with a fixed clock, mutated copies, and {@code index.json} with each case's expected verdict
 * line as the verifier gives it at generation time (review the index before committing it).
 *
 * <p>Regenerate (keys and signatures are fresh each time, so every file changes, verdicts do not):
 * {@code ledger-adapter/bin/run-test-main.sh cn.landreserve.ledger.receipt.VectorGenerator
 * ledger-adapter/src/test/resources/vectors}
 */
public final class VectorGenerator {
    private static final ObjectMapper JSON = Receipt.json();
    private final Path out;
    private final ArrayNode index = JSON.createArrayNode();

    private VectorGenerator(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "ledger-adapter/src/test/resources/vectors");
        new VectorGenerator(out).generate();
    }

    private void generate() throws Exception {
        Path receipts = out.resolve("receipts");
        if (Files.exists(receipts)) {
            try (Stream<Path> files = Files.walk(receipts)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(receipts);
        Path ledgerDir = Files.createTempDirectory("vector-ledger");
        Path otherDir = Files.createTempDirectory("vector-other-ledger");
        // Certificates are issued valid from a day before generation, so the fixed clock is today at 00:00 UTC.
        Clock clock = Clock.fixed(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS), ZoneOffset.UTC);
        String documentReceipt;
        String itemReceipt;
        String caPem;
        String otherCaPem;
        try (EmbeddedLedger ledger = EmbeddedLedger.open(ledgerDir, EmbeddedLedgerOptions.defaults().withClock(clock));
                EmbeddedLedger other = EmbeddedLedger.open(otherDir, EmbeddedLedgerOptions.defaults().withClock(clock))) {
            ledger.anchorDocument(TestRecords.document("P-2025-001", "doc-plan-1"));
            List<String> digests = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                digests.add(TestRecords.sha256(TestRecords.content("item-" + i)));
            }
            ledger.anchorBatch("P-2025-001", "batch-1", digests);
            documentReceipt = ledger.receipt("doc-plan-1").toJson();
            itemReceipt = ledger.receipt("batch-1", 5).toJson();
            caPem = ledger.caCertificatePem();
            otherCaPem = other.caCertificatePem();
        }
        Files.writeString(receipts.resolve("org-ca.pem"), caPem);
        Files.writeString(receipts.resolve("other-ca.pem"), otherCaPem);
        Files.writeString(receipts.resolve("trust-bundle.pem"), otherCaPem + caPem);
        Files.write(receipts.resolve("doc-plan-1.pdf"), TestRecords.content("doc-plan-1"));
        Files.write(receipts.resolve("item-5.bin"), TestRecords.content("item-5"));
        Files.write(receipts.resolve("not-the-document.pdf"), TestRecords.content("doc-plan-2"));

        write("document.json", documentReceipt);
        write("batch-item.json", itemReceipt);
        expect("document.json", null, null);
        expect("document.json", null, null, "--trust-receipt-ca");
        expect("document.json", "doc-plan-1.pdf", null);
        expect("document.json", "doc-plan-1.pdf", null, "--trust-receipt-ca");
        expect("document.json", "doc-plan-1.pdf", "org-ca.pem");
        expect("batch-item.json", "item-5.bin", "org-ca.pem");
        expect("document.json", "not-the-document.pdf", null);
        expect("document.json", null, "other-ca.pem");

        mutate(documentReceipt, "record-bytes-bit-flip.json", r -> r.put("recordBytes", flipBit(r.get("recordBytes").asText(), 40)));
        mutate(documentReceipt, "record-field-altered.json", r -> ((ObjectNode) r.get("record").get("record")).put("size", 1));
        mutate(documentReceipt, "evidence-id-altered.json", r -> r.put("evidenceId", "doc-plan-2"));
        mutate(documentReceipt, "envelope-truncated.json", r -> ((ObjectNode) r.get("transaction")).put("envelope",
                truncate(r.get("transaction").get("envelope").asText(), 100)));
        mutate(documentReceipt, "envelope-bit-flip.json", r -> ((ObjectNode) r.get("transaction")).put("envelope",
                flipBit(r.get("transaction").get("envelope").asText(), 1500)));
        mutate(documentReceipt, "envelope-trailing-garbage.json", r -> ((ObjectNode) r.get("transaction")).put("envelope",
                append(r.get("transaction").get("envelope").asText(), new byte[] {0x7a, 0x01, 0x00})));
        mutate(documentReceipt, "wrong-data-hash.json", r -> ((ObjectNode) r.get("block")).put("dataHash", "00".repeat(32)));
        mutate(documentReceipt, "wrong-header-hash.json", r -> ((ObjectNode) r.get("block")).put("headerHash",
                flipHex(r.get("block").get("headerHash").asText())));
        mutate(documentReceipt, "previous-hash-altered.json", r -> ((ObjectNode) r.get("block")).put("previousHash",
                flipHex(r.get("block").get("previousHash").asText())));
        mutate(documentReceipt, "block-number-altered.json", r -> ((ObjectNode) r.get("block")).put("number", 7));
        mutate(documentReceipt, "transaction-block-number-altered.json", r -> ((ObjectNode) r.get("transaction"))
                .put("blockNumber", 7));
        mutate(documentReceipt, "transaction-index-altered.json", r -> ((ObjectNode) r.get("transaction")).put("index", 1));
        mutate(documentReceipt, "transaction-id-altered.json", r -> ((ObjectNode) r.get("transaction")).put("id",
                flipHex(r.get("transaction").get("id").asText())));
        mutate(documentReceipt, "validation-code-altered.json", r -> ((ObjectNode) r.get("transaction"))
                .put("validationCode", "MVCC_READ_CONFLICT"));
        mutate(documentReceipt, "block-signature-bit-flip.json", r -> {
            ObjectNode sig = (ObjectNode) r.get("block").get("signatures").get(0);
            sig.put("signature", flipBit(sig.get("signature").asText(), 100));
        });
        mutate(documentReceipt, "endorsement-copy-altered.json", r -> {
            ObjectNode e = (ObjectNode) r.get("endorsements").get(0);
            e.put("signature", flipBit(e.get("signature").asText(), 100));
        });
        mutate(documentReceipt, "wrong-ca-certificate.json", r -> r.set("caCertificates",
                JSON.createArrayNode().add(otherCaPem)));
        mutate(documentReceipt, "engine-claims-fabric.json", r -> r.put("engine", "fabric"));
        mutate(documentReceipt, "format-altered.json", r -> r.put("format", "landreserve-receipt/2"));
        mutate(documentReceipt, "truncated-receipt.json", null);
        mutate(itemReceipt, "proof-wrong-root.json", r -> ((ObjectNode) r.get("inclusionProof")).put("root", "11".repeat(32)));
        mutate(itemReceipt, "proof-audit-path-bit-flip.json", r -> {
            ArrayNode path = (ArrayNode) r.get("inclusionProof").get("auditPath");
            path.set(1, new TextNode(flipHex(path.get(1).asText())));
        });
        mutate(itemReceipt, "proof-truncated-path.json", r -> ((ArrayNode) r.get("inclusionProof").get("auditPath"))
                .remove(3));
        mutate(itemReceipt, "proof-leaf-index-altered.json", r -> ((ObjectNode) r.get("inclusionProof")).put("leafIndex", 6));
        mutate(itemReceipt, "proof-tree-size-altered.json", r -> ((ObjectNode) r.get("inclusionProof")).put("treeSize", 14));
        mutate(itemReceipt, "proof-other-leaf.json", r -> ((ObjectNode) r.get("inclusionProof")).put("leaf",
                TestRecords.sha256(TestRecords.content("item-6"))));
        expect("batch-item.json", "doc-plan-1.pdf", null);
        expect("document.json", null, "trust-bundle.pem");
        expect("document.json", null, "other-ca.pem", "--ca", "org-ca.pem");

        Files.writeString(receipts.resolve("index.json"), JSON.writeValueAsString(index) + "\n");
        inclusionVectors(out.resolve("inclusion"));
        Files.writeString(out.resolve("README.md"), """
                # Receipt test vectors

                `receipts/index.json` lists each case: the receipt file, the optional `--file` and `--ca`
                arguments, and the exact line the verifier must print (`OK: ...` or `FAILED: <check>: ...`).
                `ReceiptVectorsTest` asserts every line. `document.json` and `batch-item.json` are the happy
                receipts; every other receipt is one of them with one thing changed, as its name says.
                `truncated-receipt.json` is the document receipt cut in half.

                Regenerate (fresh keys, so all bytes change; review the verdicts in the index before committing):

                    ./mvnw -q -o -pl chaincode,ledger-adapter install -DskipTests
                    ledger-adapter/bin/run-test-main.sh cn.landreserve.ledger.receipt.VectorGenerator \\
                        ledger-adapter/src/test/resources/vectors
                """);
        deleteTree(ledgerDir);
        deleteTree(otherDir);
    }

    /** Stand-alone inclusion proofs over a 13-leaf tree, with the exact verifier message expected. */
    private static void inclusionVectors(Path dir) throws Exception {
        Files.createDirectories(dir);
        java.util.HexFormat hex = java.util.HexFormat.of();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            leaves.add(hex.parseHex(TestRecords.sha256(TestRecords.content("item-" + i))));
        }
        cn.landreserve.ledger.merkle.MerkleTree tree = cn.landreserve.ledger.merkle.MerkleTree.of(leaves);
        ArrayNode cases = JSON.createArrayNode();
        java.util.function.BiConsumer<String, ObjectNode> add = (name, proof) -> {
            ObjectNode c = cases.addObject();
            c.put("name", name);
            c.set("proof", proof);
            c.put("expectedRoot", hex.formatHex(tree.root()));
            try {
                List<byte[]> path = new ArrayList<>();
                proof.get("auditPath").forEach(n -> path.add(hex.parseHex(n.asText())));
                cn.landreserve.ledger.merkle.InclusionProofVerifier.verify(hex.parseHex(proof.get("leaf").asText()),
                        new cn.landreserve.ledger.merkle.InclusionProof(proof.get("leafIndex").asLong(),
                                proof.get("treeSize").asLong(), hex.parseHex(proof.get("leafHash").asText()), path,
                                hex.parseHex(proof.get("root").asText())), tree.root());
                c.put("expect", "OK");
            } catch (cn.landreserve.ledger.merkle.ProofVerificationException e) {
                c.put("expect", e.getMessage());
            }
        };
        java.util.function.IntFunction<ObjectNode> good = i -> {
            cn.landreserve.ledger.merkle.InclusionProof p = tree.inclusionProof(i);
            ObjectNode o = JSON.createObjectNode();
            o.put("leaf", hex.formatHex(leaves.get(i)));
            o.put("leafIndex", p.leafIndex());
            o.put("treeSize", p.treeSize());
            o.put("leafHash", hex.formatHex(p.leafHash()));
            ArrayNode path = o.putArray("auditPath");
            p.auditPath().forEach(h -> path.add(hex.formatHex(h)));
            o.put("root", hex.formatHex(p.root()));
            return o;
        };
        for (int i : new int[] {0, 5, 12}) {
            add.accept("happy-leaf-" + i, good.apply(i));
        }
        ObjectNode flipped = good.apply(5);
        flipped.put("leafHash", flipHex(flipped.get("leafHash").asText()));
        add.accept("leaf-hash-bit-flip", flipped);
        ObjectNode pathFlip = good.apply(5);
        ((ArrayNode) pathFlip.get("auditPath")).set(0, new TextNode(flipHex(pathFlip.get("auditPath").get(0).asText())));
        add.accept("audit-path-bit-flip", pathFlip);
        ObjectNode truncated = good.apply(5);
        ((ArrayNode) truncated.get("auditPath")).remove(truncated.get("auditPath").size() - 1);
        add.accept("audit-path-truncated", truncated);
        ObjectNode extra = good.apply(5);
        ((ArrayNode) extra.get("auditPath")).add("00".repeat(32));
        add.accept("audit-path-trailing-garbage", extra);
        ObjectNode wrongRoot = good.apply(5);
        wrongRoot.put("root", "11".repeat(32));
        add.accept("wrong-root", wrongRoot);
        ObjectNode outside = good.apply(12);
        outside.put("leafIndex", 13);
        add.accept("leaf-index-outside-tree", outside);
        ObjectNode otherLeaf = good.apply(5);
        otherLeaf.put("leaf", hex.formatHex(leaves.get(6)));
        add.accept("other-leaf", otherLeaf);
        ObjectNode smaller = good.apply(12);
        smaller.put("treeSize", 12);
        add.accept("tree-size-altered", smaller);
        Files.writeString(dir.resolve("index.json"), JSON.writeValueAsString(cases) + "\n");
    }

    private void write(String name, String json) throws IOException {
        Files.writeString(out.resolve("receipts").resolve(name), json);
    }

    private void mutate(String receipt, String name, Consumer<ObjectNode> change) throws IOException {
        String json;
        if (change == null) {
            json = receipt.substring(0, receipt.length() / 2);
        } else {
            ObjectNode tree = (ObjectNode) JSON.readTree(receipt);
            change.accept(tree);
            json = JSON.writeValueAsString(tree) + "\n";
        }
        write(name, json);
        expect(name, null, null);
    }

    private void expect(String receipt, String file, String ca, String... more) throws IOException {
        Path dir = out.resolve("receipts");
        List<String> args = new ArrayList<>(List.of("--receipt", dir.resolve(receipt).toString()));
        if (file != null) {
            args.addAll(List.of("--file", dir.resolve(file).toString()));
        }
        if (ca != null) {
            args.addAll(List.of("--ca", dir.resolve(ca).toString()));
        }
        for (String arg : more) {
            args.add(arg.endsWith(".pem") ? dir.resolve(arg).toString() : arg);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int code = VerifyCommand.run(args.toArray(String[]::new), new java.io.PrintStream(bytes, true,
                java.nio.charset.StandardCharsets.UTF_8), System.err);
        ObjectNode entry = index.addObject();
        entry.put("receipt", receipt);
        entry.put("file", file);
        entry.put("ca", ca);
        if (more.length > 0) {
            ArrayNode extra = entry.putArray("args");
            for (String arg : more) {
                extra.add(arg);
            }
        }
        entry.put("exitCode", code);
        entry.put("line", bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        System.out.println(receipt + " " + file + " " + ca + " -> " + entry.get("line").asText());
    }

    private static String flipBit(String base64, int byteIndex) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[Math.min(byteIndex, bytes.length - 1)] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String truncate(String base64, int keep) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, keep));
    }

    private static String append(String base64, byte[] extra) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + extra.length);
        System.arraycopy(extra, 0, out, bytes.length, extra.length);
        return Base64.getEncoder().encodeToString(out);
    }

    private static String flipHex(String hex) {
        char c = hex.charAt(10);
        return hex.substring(0, 10) + (c == '0' ? '1' : '0') + hex.substring(11);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static JsonNode tree(String json) throws IOException {
        return JSON.readTree(json);
    }
}
