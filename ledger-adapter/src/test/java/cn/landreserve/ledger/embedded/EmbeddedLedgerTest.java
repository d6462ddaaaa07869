package cn.landreserve.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.BatchAnchoring;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.merkle.InclusionProofVerifier;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLedgerTest {
    @TempDir
    Path dir;

    private EmbeddedLedger open() throws Exception {
        return EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults());
    }

    @Test
    void anchors_reads_back_and_survives_a_restart() throws Exception {
        Anchoring first;
        try (EmbeddedLedger ledger = open()) {
            assertThat(ledger.height()).isEqualTo(1);
            first = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            assertThat(first.blockNumber()).isEqualTo(1);
            assertThat(first.alreadyAnchored()).isFalse();
            assertThat(first.txId()).matches("[0-9a-f]{64}");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("msp/node-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (EmbeddedLedger ledger = open()) {
            LedgerEntry entry = ledger.findById("doc-1").orElseThrow();
            assertThat(entry.txId()).isEqualTo(first.txId());
            assertThat(entry.kind()).isEqualTo(EvidenceKind.DOCUMENT);
            Anchoring again = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            assertThat(again).isEqualTo(new Anchoring("doc-1", first.txId(), 1, first.anchoredAt(), true));
            assertThat(ledger.height()).isEqualTo(2);
            DocumentRecord doc = TestRecords.document("P1", "doc-1");
            assertThat(ledger.findByDigest(doc.sm3())).extracting(LedgerEntry::evidenceId).containsExactly("doc-1");
            assertThat(ledger.findByDigest(doc.sha256().toUpperCase())).hasSize(1);
            assertThat(ledger.findById("nope")).isEmpty();
        }
    }

    @Test
    void writes_its_trust_bundle_into_the_data_dir_and_its_receipts_verify_pinned_to_it() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            String bundle = Files.readString(dir.resolve(EmbeddedLedger.TRUST_BUNDLE));
            assertThat(bundle).isEqualTo(ledger.trustBundlePem()).isEqualTo(ledger.caCertificatePem());
            var verdict = cn.landreserve.ledger.receipt.ReceiptVerifier.pinning(
                    cn.landreserve.ledger.receipt.Certificates.parsePem(bundle)).verify(ledger.receipt("doc-1"), null);
            assertThat(verdict.trusted()).as(verdict.line()).isTrue();
            var unpinned = cn.landreserve.ledger.receipt.ReceiptVerifier.unpinned().verify(ledger.receipt("doc-1"), null);
            assertThat(unpinned.ok()).isTrue();
            assertThat(unpinned.trusted()).isFalse();
            assertThat(unpinned.exitCode()).isEqualTo(3);
            assertThat(unpinned.line()).startsWith("UNPINNED: evidence doc-1 (DOCUMENT)");
        }
    }

    @Test
    void rejections_carry_the_contracts_code() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            DocumentRecord changed = TestRecords.version("P1", "doc-1", 1, null, "SITE_SURVEY");
            assertThatThrownBy(() -> ledger.anchorDocument(changed)).isInstanceOfSatisfying(
                    LedgerRejectedException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RECORD_CONFLICT);
                        assertThat(e.evidenceId()).isEqualTo("doc-1");
                        assertThat(e.phase()).isEqualTo(LedgerPhase.ENDORSE);
                        assertThat(e.transactionId()).matches("[0-9a-f]{64}");
                        assertThat(e.status()).as("refused in-process: no remote status").isNull();
                    });
            assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.version("P1", "doc-2", 2, "doc-9",
                    "IMPLEMENTATION_PLAN"))).extracting(e -> ((LedgerRejectedException) e).code())
                    .isEqualTo(ErrorCode.UNKNOWN_PREVIOUS_VERSION);
            assertThatThrownBy(() -> ledger.receipt("doc-9")).extracting(e -> ((LedgerRejectedException) e).code())
                    .isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void another_writer_msp_is_ACCESS_DENIED() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        }
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults().withWriterMsp("OtherMSP"))) {
            assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.document("P1", "doc-2")))
                    .extracting(e -> ((LedgerRejectedException) e).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(ledger.findById("doc-1")).isPresent();
        }
    }

    @Test
    void batches_and_seals() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            List<String> digests = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                digests.add(TestRecords.sha256(("item " + i).getBytes()));
            }
            BatchAnchoring batch = ledger.anchorBatch("P1", "batch-1", digests);
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < digests.size(); i += 97) {
                InclusionProofVerifier.verify(hex.parseHex(digests.get(i)), batch.proofs().get(i),
                        hex.parseHex(batch.merkleRoot()));
            }
            assertThat(ledger.findInBatch("batch-1", digests.get(500))).hasValueSatisfying(e -> {
                assertThat(e.evidenceId()).isEqualTo("batch-1");
                assertThat(e.leafIndex()).isEqualTo(500L);
            });
            assertThat(ledger.findInBatch("batch-1", TestRecords.sha256("not an item".getBytes()))).isEmpty();
            assertThat(ledger.findInBatch("doc-1", digests.get(500))).isEmpty();
            assertThat(ledger.findByDigest(digests.get(500))).isEmpty();
            assertThat(ledger.receipt("batch-1", 500).inclusionProof().leaf()).isEqualTo(digests.get(500));

            Anchoring seal = ledger.seal("P1", "2025-05-01T00:00:00Z");
            assertThat(seal.evidenceId()).isEqualTo("seal:P1");
            assertThat(ledger.seal("P1", "2025-05-01T00:00:00Z").alreadyAnchored()).isTrue();
            SealRecord record = (SealRecord) ledger.findById("seal:P1").orElseThrow().record();
            assertThat(record.evidenceCount()).isEqualTo(2);
            assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.document("P1", "doc-3")))
                    .extracting(e -> ((LedgerRejectedException) e).code()).isEqualTo(ErrorCode.PROJECT_SEALED);
            assertThat(ledger.listByProject("P1")).extracting(LedgerEntry::evidenceId)
                    .containsExactly("doc-1", "batch-1", "seal:P1");
        }
    }

    @Test
    void concurrent_callers_share_blocks() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Anchoring>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "doc-" + i;
                results.add(pool.submit(() -> ledger.anchorDocument(TestRecords.document("P" + (id.hashCode() % 7), id))));
            }
            for (Future<Anchoring> result : results) {
                assertThat(result.get().alreadyAnchored()).isFalse();
            }
            pool.shutdown();
            assertThat(ledger.height()).isLessThan(400);
        }
    }

    @Test
    void a_flipped_byte_in_a_stored_block_stops_the_next_start_naming_the_block() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            for (int i = 0; i < 5; i++) {
                ledger.anchorDocument(TestRecords.document("P1", "doc-" + i));
            }
        }
        Path file = dir.resolve("blocks/blockfile_000000");
        byte[] bytes = Files.readAllBytes(file);
        // The frames of blocks 0..5; flip one byte in the middle of block 3.
        int offset = frameOf(bytes, 3);
        int length = java.nio.ByteBuffer.wrap(bytes, offset, 4).getInt();
        bytes[offset + 8 + length / 2] ^= 0x01;
        Files.write(file, bytes);
        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class, e -> {
            assertThat(e.blockNumber()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("block 3: ");
        });
    }

    @Test
    void a_rewritten_block_with_fixed_checksums_still_fails_on_its_data_hash() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            for (int i = 0; i < 5; i++) {
                ledger.anchorDocument(TestRecords.document("P1", "doc-" + i));
            }
        }
        Path file = dir.resolve("blocks/blockfile_000000");
        byte[] bytes = Files.readAllBytes(file);
        int offset = frameOf(bytes, 2);
        int length = java.nio.ByteBuffer.wrap(bytes, offset, 4).getInt();
        String body = new String(bytes, offset + 8, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = offset + 8 + body.indexOf("zhang.san");
        bytes[at] = 'Z'; // the uploader's name, inside the envelope: still a valid block
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, offset + 8, length);
        java.nio.ByteBuffer.wrap(bytes, offset + 8 + length, 4).putInt((int) crc.getValue());
        Files.write(file, bytes);
        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class, e ->
                assertThat(e.getMessage()).isEqualTo("block 2: data hash does not match the block's transactions;"
                        + " the ledger's chain is damaged or was tampered with"));
    }

    @Test
    void a_group_is_one_transaction_whose_records_each_verify_with_their_own_receipt_and_survive_a_restart()
            throws Exception {
        List<cn.landreserve.chaincode.EvidenceRecord> group = List.of(TestRecords.document("P1", "doc-1"),
                TestRecords.version("P1", "doc-2", 2, "doc-1", "IMPLEMENTATION_PLAN"),
                TestRecords.document("P2", "doc-3"), TestRecords.decision("P1", "dec-1", List.of("doc-1", "doc-2")));
        List<Anchoring> anchorings;
        String ca;
        try (EmbeddedLedger ledger = open()) {
            anchorings = ledger.anchorGroup(group);
            ca = ledger.caCertificatePem();
            assertThat(ledger.height()).isEqualTo(2);
        }
        assertThat(anchorings).extracting(Anchoring::evidenceId).containsExactly("doc-1", "doc-2", "doc-3", "dec-1");
        assertThat(anchorings).extracting(Anchoring::blockNumber).containsOnly(1L);
        assertThat(new java.util.HashSet<>(anchorings.stream().map(Anchoring::txId).toList())).hasSize(1);
        cn.landreserve.ledger.receipt.ReceiptVerifier verifier = cn.landreserve.ledger.receipt.ReceiptVerifier
                .pinning(cn.landreserve.ledger.receipt.Certificates.parsePem(ca));
        try (EmbeddedLedger ledger = open()) {
            for (cn.landreserve.chaincode.EvidenceRecord record : group) {
                cn.landreserve.ledger.receipt.Verdict verdict = verifier.verify(ledger.receipt(record.evidenceId()),
                        record instanceof DocumentRecord d
                                ? new cn.landreserve.ledger.receipt.ReceiptVerifier.FileDigests(d.sha256(), d.sm3())
                                : null);
                assertThat(verdict.ok()).as(verdict.line()).isTrue();
            }
            assertThat(ledger.findByDigest(((DocumentRecord) group.get(2)).sha256()))
                    .extracting(LedgerEntry::evidenceId).containsExactly("doc-3");
            assertThat(ledger.anchorGroup(group)).allMatch(Anchoring::alreadyAnchored);
            assertThat(ledger.height()).isEqualTo(2);
            assertThatThrownBy(() -> ledger.anchorGroup(List.of(TestRecords.document("P1", "doc-4"),
                    TestRecords.version("P1", "doc-1", 1, null, "SITE_SURVEY"))))
                    .isInstanceOfSatisfying(LedgerRejectedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RECORD_CONFLICT));
            assertThat(ledger.findById("doc-4")).isEmpty();
        }
    }

    /** Where block {@code number}'s frame starts in a block file: length and its CRC (8 bytes), the block, its CRC (4). */
    private static int frameOf(byte[] blockFile, int number) {
        int offset = 0;
        for (int block = 0; block < number; block++) {
            offset += 8 + java.nio.ByteBuffer.wrap(blockFile, offset, 4).getInt() + 4;
        }
        return offset;
    }
}
