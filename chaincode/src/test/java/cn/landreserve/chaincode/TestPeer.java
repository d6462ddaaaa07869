package cn.landreserve.chaincode;

import cn.landreserve.chaincode.testing.PeerStub;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/** The contract tests' peer: an empty ledger, the writer's identity, a fixed transaction time. */
final class TestPeer {
    static final Instant TIME = Instant.parse("2025-03-01T08:00:00Z");

    private TestPeer() {
    }

    /** A peer that has committed nothing yet. */
    static PeerStub empty() {
        return new PeerStub(new TreeMap<>(), "landreserve", "evidence", "tx0", TIME, TestIdentities.writer(),
                List.of());
    }
}
