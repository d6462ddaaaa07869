package cn.landreserve.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ErrorCode;
import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.BatchAnchoring;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.receipt.Check;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.ledger.receipt.Verdict;
import cn.landreserve.ledger.support.TestRecords;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricLedgerTest {
    @TempDir
    Path dir;
    TestPki pki;
    FakeGateway gateway;
    FabricLedgerConfig config;
    FabricLedger ledger;

    @BeforeEach
    void start() throws Exception {
        pki = new TestPki();
        pki.write(dir, 0);
        gateway = new FakeGateway(pki).start(dir);
        config = pki.write(dir, gateway.port()).withRetry(4, Duration.ofMillis(5));
        ledger = FabricLedger.connect(config);
    }

    @AfterEach
    void stop() throws Exception {
        ledger.close();
        gateway.close();
    }

    @Test
    void anchors_a_document_by_endorsing_submitting_and_waiting_for_its_commit() throws Exception {
        DocumentRecord record = TestRecords.document("P1", "doc-1");

        Anchoring anchoring = ledger.anchorDocument(record);

        assertThat(gateway.endorsements).hasSize(1);
        FakeGateway.Captured sent = gateway.endorsements.get(0);
        assertThat(sent.chaincode()).isEqualTo("evidence");
        assertThat(sent.args()).containsExactly("evidence:anchorDocument", CanonicalJson.string(record));
        assertThat(sent.creatorMsp()).isEqualTo(TestPki.RESERVE_MSP);
        assertThat(sent.signatureValid()).isTrue();
        assertThat(gateway.submissions).containsExactly(sent.txId());
        assertThat(anchoring).isEqualTo(new Anchoring("doc-1", sent.txId(), 1, anchoring.anchoredAt(), false));
        assertThat(ledger.findById("doc-1")).get().satisfies(entry -> {
            assertThat(entry.txId()).isEqualTo(sent.txId());
            assertThat(entry.record()).isEqualTo(record);
        });
    }

    @Test
    void the_same_record_again_returns_the_original_anchoring_and_submits_nothing() throws Exception {
        Anchoring first = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        Anchoring again = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThat(again).isEqualTo(new Anchoring("doc-1", first.txId(), first.blockNumber(), first.anchoredAt(), true));
        assertThat(gateway.submissions).containsExactly(first.txId());
        assertThat(gateway.height()).isEqualTo(2);
    }

    @Test
    void a_different_record_under_the_same_id_is_RECORD_CONFLICT_and_is_not_retried() throws Exception {
        ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        DocumentRecord other = TestRecords.version("P1", "doc-1", 1, null, "SITE_SURVEY");

        assertThatThrownBy(() -> ledger.anchorDocument(other))
                .isInstanceOfSatisfying(LedgerRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RECORD_CONFLICT);
                    assertThat(e.evidenceId()).isEqualTo("doc-1");
                    assertThat(e.phase()).isEqualTo(LedgerPhase.ENDORSE);
                    assertThat(e.transactionId()).isEqualTo(gateway.endorsements.get(1).txId());
                    assertThat(e.status()).isEqualTo("ABORTED");
                    assertThat(e.getMessage()).startsWith("RECORD_CONFLICT: ");
                });
        assertThat(gateway.endorsements).hasSize(2);
        assertThat(gateway.submissions).hasSize(1);
    }

    @Test
    void UNAVAILABLE_twice_on_submit_then_success_resubmits_the_same_signed_transaction() throws Exception {
        gateway.submitFaults.add(Status.UNAVAILABLE);
        gateway.submitFaults.add(Status.UNAVAILABLE);

        Anchoring anchoring = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThat(gateway.endorsements).hasSize(1);
        assertThat(gateway.submissions).containsExactly(anchoring.txId(), anchoring.txId(), anchoring.txId());
        assertThat(anchoring.alreadyAnchored()).isFalse();
        assertThat(gateway.height()).isEqualTo(2);
    }

    @Test
    void a_submission_ordered_but_answered_with_UNAVAILABLE_is_resubmitted_and_anchored_once() throws Exception {
        gateway.loseFirstSubmitResponse = true;

        Anchoring anchoring = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThat(gateway.submissions).containsExactly(anchoring.txId(), anchoring.txId());
        assertThat(gateway.height()).isEqualTo(2);
        assertThat(ledger.receipt("doc-1").transaction().id()).isEqualTo(anchoring.txId());
    }

    @Test
    void DEADLINE_EXCEEDED_on_endorse_sends_the_same_signed_proposal_again() throws Exception {
        gateway.endorseFaults.add(Status.DEADLINE_EXCEEDED);

        Anchoring anchoring = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThat(gateway.endorsements).extracting(FakeGateway.Captured::txId)
                .containsExactly(anchoring.txId(), anchoring.txId());
    }

    @Test
    void UNAVAILABLE_on_commit_status_asks_again_for_the_same_transaction() throws Exception {
        gateway.commitStatusFaults.add(Status.UNAVAILABLE);
        gateway.commitStatusFaults.add(Status.DEADLINE_EXCEEDED);

        Anchoring anchoring = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThat(gateway.commitStatusQueries).containsExactly(anchoring.txId(), anchoring.txId(), anchoring.txId());
        assertThat(gateway.submissions).hasSize(1);
    }

    @Test
    void an_MVCC_conflict_at_commit_executes_the_transaction_anew_with_a_new_id() throws Exception {
        gateway.forcedCodes.add(TxValidationCode.MVCC_READ_CONFLICT);

        Anchoring anchoring = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThat(gateway.endorsements).hasSize(2);
        String invalidated = gateway.endorsements.get(0).txId();
        assertThat(anchoring.txId()).isEqualTo(gateway.endorsements.get(1).txId()).isNotEqualTo(invalidated);
        assertThat(anchoring.blockNumber()).isEqualTo(2);
        assertThat(ledger.listByProject("P1")).hasSize(1);
    }

    @Test
    void concurrent_anchors_in_one_project_that_conflict_are_all_anchored_once() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            int n = t;
            Thread thread = new Thread(() -> IntStream.range(0, 5).forEach(i -> {
                try {
                    ledger.anchorDocument(TestRecords.document("P1", "doc-" + n + "-" + i));
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
        assertThat(ledger.listByProject("P1")).hasSize(20)
                .extracting(entry -> java.time.Instant.parse(entry.evidence().anchoredAt())).isSorted();
        assertThat(gateway.forcedCodes).isEmpty();
    }

    @Test
    void retryable_failures_beyond_the_attempts_are_unavailable_with_the_transaction_id() {
        for (int i = 0; i < 4; i++) {
            gateway.submitFaults.add(Status.UNAVAILABLE.withDescription("orderer down"));
        }

        assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.document("P1", "doc-1")))
                .isInstanceOfSatisfying(LedgerUnavailableException.class, e -> {
                    assertThat(e.phase()).isEqualTo(LedgerPhase.SUBMIT);
                    assertThat(e.transactionId()).isEqualTo(gateway.endorsements.get(0).txId());
                    assertThat(e.status()).isEqualTo("UNAVAILABLE");
                    assertThat(e.getMessage()).contains("orderer down");
                });
        assertThat(gateway.submissions).hasSize(4);
    }

    @Test
    void an_endorsement_policy_failure_is_a_technical_failure_and_is_not_executed_again() {
        gateway.forcedCodes.add(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

        assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.document("P1", "doc-1")))
                .isInstanceOfSatisfying(LedgerUnavailableException.class, e -> {
                    assertThat(e.phase()).isEqualTo(LedgerPhase.COMMIT);
                    assertThat(e.transactionId()).isEqualTo(gateway.endorsements.get(0).txId());
                    assertThat(e.status()).isEqualTo("ENDORSEMENT_POLICY_FAILURE");
                });
        assertThat(gateway.endorsements).hasSize(1);
    }

    @Test
    void receipts_of_every_kind_verify_offline_against_the_organisation_CAs() throws Exception {
        DocumentRecord doc = TestRecords.document("P1", "doc-1");
        ledger.anchorDocument(doc);
        ledger.anchorDecision(TestRecords.decision("P1", "dec-1", List.of("doc-1")));
        List<String> digests = IntStream.range(0, 5).mapToObj(i -> TestRecords.sha256(new byte[] {(byte) i})).toList();
        BatchAnchoring batch = ledger.anchorBatch("P1", "batch-1", digests);
        Anchoring seal = ledger.seal("P1", "2025-06-01T00:00:00Z");
        ReceiptVerifier verifier = ReceiptVerifier.pinning(pki.organisationCas());

        Receipt docReceipt = ledger.receipt("doc-1");
        Verdict docVerdict = verifier.verify(Receipt.parse(docReceipt.toJson()),
                new ReceiptVerifier.FileDigests(doc.sha256(), doc.sm3()));
        Verdict itemVerdict = verifier.verify(ledger.receipt("batch-1", 3),
                new ReceiptVerifier.FileDigests(digests.get(3), null));

        assertThat(docReceipt.engine()).isEqualTo("fabric");
        assertThat(docReceipt.endorsements()).extracting(Receipt.Endorsement::mspId)
                .containsExactly(TestPki.RESERVE_MSP, TestPki.AUDIT_MSP);
        assertThat(docVerdict.ok()).as(docVerdict.toString()).isTrue();
        assertThat(itemVerdict.ok()).as(itemVerdict.toString()).isTrue();
        assertThat(verifier.verify(ledger.receipt("dec-1"), null).ok()).isTrue();
        assertThat(verifier.verify(ledger.receipt(seal.evidenceId()), null).ok()).isTrue();
        assertThat(batch.proofs()).hasSize(5);
        assertThat(ledger.findInBatch("batch-1", digests.get(3))).map(LedgerEntry::leafIndex).hasValue(3L);
    }

    @Test
    void a_batch_whose_endorsed_transaction_and_block_exceed_a_default_grpc_message_is_anchored_and_its_items_verify()
            throws Exception {
        List<String> digests = IntStream.range(0, 40_000).mapToObj(i -> TestRecords.sha256(("item " + i).getBytes()))
                .toList();

        BatchAnchoring batch = ledger.anchorBatch("P1", "batch-big", digests);

        assertThat(batch.proofs()).hasSize(40_000);
        assertThat(ledger.findInBatch("batch-big", digests.get(39_999))).map(LedgerEntry::leafIndex).hasValue(39_999L);
        Verdict item = ReceiptVerifier.pinning(pki.organisationCas()).verify(ledger.receipt("batch-big", 20_000),
                new ReceiptVerifier.FileDigests(digests.get(20_000), null));
        assertThat(item.ok()).as(item.toString()).isTrue();
    }

    @Test
    void a_receipt_does_not_verify_against_a_CA_that_is_not_the_channels() throws Exception {
        ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        Receipt receipt = ledger.receipt("doc-1");

        Verdict verdict = ReceiptVerifier.pinning(List.of(new TestPki().reserveCa.certificate())).verify(receipt, null);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.failed()).isEqualTo(Check.CERTIFICATE_CHAIN);
    }

    @Test
    void a_receipt_for_unknown_evidence_is_NOT_FOUND() {
        assertThatThrownBy(() -> ledger.receipt("nothing-here"))
                .isInstanceOfSatisfying(LedgerRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void reads_find_by_id_digest_and_project_and_a_sealed_project_refuses_more() throws Exception {
        DocumentRecord doc = TestRecords.document("P1", "doc-1");
        ledger.anchorDocument(doc);
        ledger.anchorDocument(TestRecords.document("P2", "doc-2"));
        ledger.seal("P1", "2025-06-01T00:00:00Z");

        assertThat(ledger.findById("missing")).isEmpty();
        assertThat(ledger.findByDigest(doc.sm3())).extracting(e -> e.evidenceId()).containsExactly("doc-1");
        assertThat(ledger.listByProject("P1")).extracting(e -> e.kind())
                .containsExactly(EvidenceKind.DOCUMENT, EvidenceKind.SEAL);
        assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.document("P1", "doc-3")))
                .isInstanceOfSatisfying(LedgerRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROJECT_SEALED));
        assertThat(ledger.seal("P1", "2025-06-01T00:00:00Z").alreadyAnchored()).isTrue();
    }

    @Test
    void health_reports_the_channel_height_and_last_header_hash() throws Exception {
        ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        LedgerHealth health = ledger.health();

        assertThat(health.up()).isTrue();
        assertThat(health.engine()).isEqualTo("fabric");
        assertThat(health.height()).isEqualTo(2);
        assertThat(health.lastHeaderHash()).isEqualTo(java.util.HexFormat.of().formatHex(
                cn.landreserve.ledger.receipt.FabricBlocks.headerHash(gateway.block(1).getHeader())));
    }

    @Test
    void health_is_down_with_the_reason_when_the_gateway_is_gone() throws Exception {
        int port = gateway.port();
        gateway.close();

        LedgerHealth health = ledger.health();

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("127.0.0.1:" + port).contains("UNAVAILABLE");
    }

    @Test
    void connect_fails_clearly_when_an_identity_file_is_missing() {
        FabricLedgerConfig broken = FabricLedgerConfig.of(config.endpoint(), config.tlsCaCert(), null,
                config.mspId(), dir.resolve("no-such-cert.pem"), config.privateKey(), "landreserve", "evidence",
                config.organisationCas());

        assertThatThrownBy(() -> FabricLedger.connect(broken)).isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("no-such-cert.pem");
    }

    @Test
    void the_connection_file_resolves_paths_against_its_directory() throws Exception {
        Path file = dir.resolve("connection.json");
        Files.writeString(file, "{\"endpoint\":\"127.0.0.1:7051\",\"tlsCaCert\":\"tls-ca.pem\","
                + "\"serverNameOverride\":\"peer0.reserve.landreserve.test\",\"mspId\":\"ReserveBureauMSP\","
                + "\"clientCert\":\"client-cert.pem\",\"privateKey\":\"client-key.pem\",\"channel\":\"landreserve\","
                + "\"chaincode\":\"evidence\",\"organisationCas\":[\"reserve-ca.pem\",\"audit-ca.pem\"]}");

        FabricLedgerConfig read = FabricLedgerConfig.fromConnectionFile(file);

        assertThat(read.port()).isEqualTo(7051);
        assertThat(read.tlsCaCert()).isEqualTo(dir.resolve("tls-ca.pem"));
        assertThat(read.organisationCas()).containsExactly(dir.resolve("reserve-ca.pem"), dir.resolve("audit-ca.pem"));
        assertThat(read.serverNameOverride()).isEqualTo(TestPki.TLS_HOST);
    }

    @Test
    void one_trust_bundle_file_gives_every_ca_to_receipts_and_to_auditors() throws Exception {
        Path bundle = dir.resolve("trust-bundle.pem");
        Files.writeString(bundle, Files.readString(dir.resolve("reserve-ca.pem"))
                + Files.readString(dir.resolve("audit-ca.pem")) + Files.readString(dir.resolve("orderer-ca.pem")));
        FabricLedgerConfig bundled = FabricLedgerConfig.of(config.endpoint(), config.tlsCaCert(),
                config.serverNameOverride(), config.mspId(), config.clientCert(), config.privateKey(), config.channel(),
                config.chaincode(), List.of(bundle));
        try (FabricLedger fromBundle = FabricLedger.connect(bundled)) {
            assertThat(fromBundle.organisationCas()).containsExactlyElementsOf(pki.organisationCas());
            assertThat(cn.landreserve.ledger.receipt.Certificates.parsePem(fromBundle.trustBundlePem()))
                    .containsExactlyElementsOf(pki.organisationCas());
            fromBundle.anchorDocument(TestRecords.document("P1", "doc-1"));
            Receipt receipt = fromBundle.receipt("doc-1");
            assertThat(receipt.caCertificates()).hasSize(3);
            Verdict verdict = ReceiptVerifier.pinning(cn.landreserve.ledger.receipt.Certificates.parsePem(
                    fromBundle.trustBundlePem())).verify(Receipt.parse(receipt.toJson()), null);
            assertThat(verdict.trusted()).as(verdict.line()).isTrue();
            assertThat(verdict.line()).startsWith("OK: ").endsWith("certificate chain checked against the pinned CA");
        }
    }
}
