package cn.landreserve.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.receipt.ReceiptVerifier;
import cn.landreserve.ledger.receipt.Verdict;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fabric engine against two organisations' peers that commit at different times, as on a real channel under
 * load: endorsement must not depend on which peer is ahead, and where it does the engine endorses anew.
 */
@Timeout(60)
class FabricTwoPeerTest {
    private static final int ATTEMPTS = 4;

    @TempDir
    Path dir;
    TestPki pki;
    FakeGateway gateway;
    FabricLedger ledger;

    @BeforeEach
    void start() throws Exception {
        pki = new TestPki();
        pki.write(dir, 0);
        gateway = new FakeGateway(pki).start(dir);
        ledger = FabricLedger.connect(pki.write(dir, gateway.port()).withRetry(ATTEMPTS, Duration.ofMillis(5))
                .withEndorsingOrganisations(List.of(TestPki.RESERVE_MSP, TestPki.AUDIT_MSP)));
    }

    @AfterEach
    void stop() {
        ledger.close();
        gateway.close();
    }

    @Test
    void a_peer_that_has_not_committed_the_projects_last_record_endorses_the_next_one_identically() throws Exception {
        gateway.holdAuditCommits = true;

        Anchoring first = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        Anchoring second = ledger.anchorDocument(TestRecords.document("P1", "doc-2"));

        assertThat(gateway.auditHeight()).isEqualTo(1);
        assertThat(gateway.height()).isEqualTo(3);
        assertThat(gateway.payloadMismatches).hasValue(0);
        assertThat(gateway.endorsements).extracting(FakeGateway.Captured::txId)
                .containsExactly(first.txId(), second.txId());
        assertThat(List.of(first.blockNumber(), second.blockNumber())).containsExactly(1L, 2L);
    }

    @Test
    void sixty_four_concurrent_callers_with_the_audit_peer_committing_30_ms_late_anchor_everything_once()
            throws Exception {
        gateway.auditCommitLag = Duration.ofMillis(30);
        ExecutorService callers = Executors.newFixedThreadPool(64);
        List<Future<Anchoring>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 256; i++) {
                DocumentRecord record = TestRecords.document("P" + (i % 4), "doc-" + i);
                results.add(callers.submit(() -> ledger.anchorDocument(record)));
            }
            List<Anchoring> anchorings = new ArrayList<>();
            for (Future<Anchoring> result : results) {
                anchorings.add(result.get());
            }
            assertThat(anchorings).noneMatch(Anchoring::alreadyAnchored);
            assertThat(new HashSet<>(anchorings.stream().map(Anchoring::txId).toList())).hasSize(256);
        } finally {
            callers.shutdownNow();
        }
        assertThat(gateway.payloadMismatches).hasValue(0);
        int total = 0;
        for (int p = 0; p < 4; p++) {
            total += ledger.listByProject("P" + p).size();
        }
        assertThat(total).isEqualTo(256);
        assertThat(gateway.submissions).hasSize(256);
    }

    @Test
    void a_payload_mismatch_is_endorsed_anew_as_a_new_proposal_until_the_peers_agree() throws Exception {
        gateway.holdAuditCommits = true;
        Anchoring first = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        gateway.onMismatch = n -> {
            if (n == 2) {
                gateway.releaseAuditCommits();
            }
        };

        Anchoring again = ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThat(again).isEqualTo(new Anchoring("doc-1", first.txId(), 1, first.anchoredAt(), true));
        assertThat(gateway.payloadMismatches).hasValue(2);
        List<String> proposals = gateway.endorsements.stream().map(FakeGateway.Captured::txId).toList();
        assertThat(proposals).hasSize(4).doesNotHaveDuplicates();
        assertThat(gateway.submissions).containsExactly(first.txId());
    }

    @Test
    void a_mismatch_that_persists_ends_in_a_typed_failure_naming_transaction_phase_status_and_peer() throws Exception {
        gateway.holdAuditCommits = true;
        ledger.anchorDocument(TestRecords.document("P1", "doc-1"));

        assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.document("P1", "doc-1")))
                .isInstanceOfSatisfying(FabricTransactionException.class, e -> {
                    assertThat(e.phase()).isEqualTo(LedgerPhase.ENDORSE);
                    assertThat(e.status()).isEqualTo("ABORTED");
                    assertThat(e.transactionId()).isEqualTo(gateway.endorsements.get(gateway.endorsements.size() - 1).txId());
                    assertThat(e.peerFailures()).containsExactly(new FabricTransactionException.PeerFailure(
                            TestPki.AUDIT_MSP, "peer0.audit.landreserve.test:9051",
                            "ProposalResponsePayloads do not match"));
                });
        assertThat(gateway.endorsements).hasSize(1 + ATTEMPTS);
        assertThat(gateway.payloadMismatches).hasValue(ATTEMPTS);
    }

    @Test
    void a_rejection_only_by_the_other_organisations_lagging_peer_is_endorsed_anew_not_taken_as_final()
            throws Exception {
        gateway.holdAuditCommits = true;
        ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        DecisionRecord decision = TestRecords.decision("P1", "dec-1", List.of("doc-1"));
        Thread release = new Thread(() -> {
            while (gateway.endorsements.size() < 2) {
                Thread.onSpinWait();
            }
            gateway.releaseAuditCommits();
        });
        release.start();

        Anchoring anchored = ledger.anchorDecision(decision);
        release.join();

        assertThat(anchored.alreadyAnchored()).isFalse();
        assertThat(gateway.endorsements.size()).isBetween(2, 1 + ATTEMPTS);
        assertThat(ledger.findById("dec-1")).get().extracting(LedgerEntry::record).isEqualTo(decision);
    }

    @Test
    void writes_name_every_organisation_the_policy_requires_so_that_the_gateway_endorses_on_them_at_once()
            throws Exception {
        ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        ledger.anchorGroup(List.of(TestRecords.document("P1", "doc-2"), TestRecords.document("P2", "doc-3")));
        ledger.anchorBatch("P3", "batch-1", List.of(TestRecords.sha256(new byte[] {1})));

        assertThat(gateway.endorsementTargets).hasSize(3)
                .allSatisfy(named -> assertThat(named).containsExactlyInAnyOrder(TestPki.RESERVE_MSP, TestPki.AUDIT_MSP));
    }

    @Test
    void a_seal_whose_range_read_differs_on_the_lagging_peer_is_endorsed_anew_and_covers_every_record()
            throws Exception {
        gateway.holdAuditCommits = true;
        ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
        ledger.anchorDocument(TestRecords.document("P1", "doc-2"));
        Thread release = new Thread(() -> {
            while (gateway.endorsements.size() < 4) {
                Thread.onSpinWait();
            }
            gateway.releaseAuditCommits();
        });
        release.setDaemon(true);
        release.start();

        Anchoring seal = ledger.seal("P1", "2025-06-01T00:00:00Z");
        release.join(10_000);

        assertThat(seal.alreadyAnchored()).isFalse();
        assertThat(gateway.endorsements).as("2 anchors, the seal refused by the audit peer, then endorsed anew")
                .hasSizeBetween(4, 2 + ATTEMPTS);
        assertThat(ledger.listByProject("P1")).extracting(LedgerEntry::evidenceId)
                .containsExactly("doc-1", "doc-2", seal.evidenceId());
        Verdict verdict = ReceiptVerifier.pinning(pki.organisationCas()).verify(ledger.receipt(seal.evidenceId()), null);
        assertThat(verdict.ok()).as(verdict.line()).isTrue();
    }

    @Test
    void a_group_is_one_transaction_in_which_every_record_has_its_own_key_digest_index_and_verifying_receipt()
            throws Exception {
        gateway.auditCommitLag = Duration.ofMillis(20);
        List<EvidenceRecord> group = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            group.add(TestRecords.document("P" + (i % 2), "doc-" + i));
        }
        group.add(TestRecords.version("P0", "doc-0b", 2, "doc-0", "IMPLEMENTATION_PLAN"));
        group.add(TestRecords.decision("P0", "dec-0", List.of("doc-0", "doc-0b")));

        List<Anchoring> anchorings = ledger.anchorGroup(group);

        assertThat(gateway.submissions).hasSize(1);
        assertThat(anchorings).extracting(Anchoring::evidenceId)
                .containsExactly("doc-0", "doc-1", "doc-2", "doc-3", "doc-4", "doc-0b", "dec-0");
        assertThat(anchorings).extracting(Anchoring::txId).containsOnly(gateway.submissions.get(0));
        assertThat(anchorings).extracting(Anchoring::blockNumber).containsOnly(1L);
        assertThat(anchorings).noneMatch(Anchoring::alreadyAnchored);
        ReceiptVerifier verifier = ReceiptVerifier.pinning(pki.organisationCas());
        for (EvidenceRecord record : group) {
            Verdict verdict = verifier.verify(ledger.receipt(record.evidenceId()), record instanceof DocumentRecord d
                    ? new ReceiptVerifier.FileDigests(d.sha256(), d.sm3()) : null);
            assertThat(verdict.ok()).as(record.evidenceId() + ": " + verdict).isTrue();
            assertThat(ledger.findById(record.evidenceId())).get().extracting(LedgerEntry::record).isEqualTo(record);
            if (record instanceof DocumentRecord d) {
                assertThat(ledger.findByDigest(d.sm3())).extracting(LedgerEntry::evidenceId)
                        .containsExactly(d.evidenceId());
            }
        }
        assertThat(ledger.listByProject("P0")).extracting(LedgerEntry::evidenceId)
                .containsExactly("doc-0", "doc-2", "doc-4", "doc-0b", "dec-0");

        List<Anchoring> again = ledger.anchorGroup(group);

        assertThat(again).allMatch(Anchoring::alreadyAnchored)
                .extracting(Anchoring::txId).containsOnly(gateway.submissions.get(0));
        assertThat(gateway.submissions).hasSize(1);
    }

    @Test
    void health_is_DEGRADED_naming_the_audit_bureau_while_its_peer_cannot_be_reached() throws Exception {
        assertThat(ledger.health().status()).isEqualTo(LedgerHealth.Status.UP);
        gateway.auditDown = true;

        LedgerHealth degraded = ledger.health();

        assertThat(degraded.status()).isEqualTo(LedgerHealth.Status.DEGRADED);
        assertThat(degraded.up()).isFalse();
        assertThat(degraded.unreachableOrganisations()).containsExactly(TestPki.AUDIT_MSP);
        assertThat(degraded.detail()).contains(TestPki.AUDIT_MSP).contains("UNAVAILABLE");
        assertThat(degraded.height()).isEqualTo(1);
        assertThat(gateway.evaluationTargets).contains(TestPki.RESERVE_MSP, TestPki.AUDIT_MSP);
        assertThatThrownBy(() -> ledger.anchorDocument(TestRecords.document("P1", "doc-1")))
                .isInstanceOfSatisfying(FabricTransactionException.class, e ->
                        assertThat(e.status()).isEqualTo("UNAVAILABLE"));

        gateway.auditDown = false;

        assertThat(ledger.health().status()).isEqualTo(LedgerHealth.Status.UP);
    }
}
