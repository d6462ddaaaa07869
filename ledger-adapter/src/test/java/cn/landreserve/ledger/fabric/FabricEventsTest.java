package cn.landreserve.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricEventsTest {
    @TempDir
    Path dir;
    FakeGateway gateway;
    FabricLedgerConfig config;

    @BeforeEach
    void start() throws Exception {
        TestPki pki = new TestPki();
        pki.write(dir, 0);
        gateway = new FakeGateway(pki).start(dir);
        config = pki.write(dir, gateway.port()).withRetry(4, Duration.ofMillis(5))
                .withEventCheckpointDir(dir.resolve("checkpoint"));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void every_anchoring_is_delivered_and_a_restart_resumes_after_the_checkpoint() throws Exception {
        List<AnchoredEvent> firstRun = new CopyOnWriteArrayList<>();
        Anchoring third;
        try (FabricLedger ledger = FabricLedger.connect(config)) {
            EventSubscription events = ledger.followAnchorings(firstRun::add);
            ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            ledger.anchorDocument(TestRecords.document("P1", "doc-2"));
            third = ledger.anchorDecision(TestRecords.decision("P1", "dec-3", List.of("doc-1")));
            await(() -> events.delivered() == 3);
        }
        try (FabricLedger whileStopped = FabricLedger.connect(config.withEventCheckpointDir(null))) {
            whileStopped.anchorDocument(TestRecords.document("P2", "doc-4"));
            whileStopped.anchorDocument(TestRecords.document("P2", "doc-5"));
        }

        List<AnchoredEvent> secondRun = new CopyOnWriteArrayList<>();
        try (FabricLedger restarted = FabricLedger.connect(config)) {
            EventSubscription events = restarted.followAnchorings(secondRun::add);
            await(() -> events.delivered() == 2);
        }

        assertThat(firstRun).extracting(AnchoredEvent::evidenceId).containsExactly("doc-1", "doc-2", "dec-3");
        assertThat(firstRun.get(2)).isEqualTo(new AnchoredEvent("dec-3", EvidenceKind.DECISION, "P1", third.txId(),
                third.blockNumber()));
        assertThat(secondRun).extracting(AnchoredEvent::evidenceId).containsExactly("doc-4", "doc-5");
        assertThat(gateway.eventRequests).first().isEqualTo(new FakeGateway.EventsRequest(0, ""));
        assertThat(gateway.eventRequests).last()
                .isEqualTo(new FakeGateway.EventsRequest(third.blockNumber(), third.txId()));
    }

    @Test
    void an_event_whose_listener_failed_is_delivered_again() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean failOnce = new AtomicBoolean(true);
        try (FabricLedger ledger = FabricLedger.connect(config)) {
            EventSubscription events = ledger.followAnchorings(event -> {
                seen.add(event.evidenceId());
                if (event.evidenceId().equals("doc-2") && failOnce.getAndSet(false)) {
                    throw new IllegalStateException("listener's database is down");
                }
            });
            ledger.anchorDocument(TestRecords.document("P1", "doc-1"));
            ledger.anchorDocument(TestRecords.document("P1", "doc-2"));
            ledger.anchorDocument(TestRecords.document("P1", "doc-3"));
            await(() -> events.delivered() == 3);
        }

        assertThat(seen).containsExactly("doc-1", "doc-2", "doc-2", "doc-3");
        assertThat(gateway.eventRequests).hasSize(2);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
