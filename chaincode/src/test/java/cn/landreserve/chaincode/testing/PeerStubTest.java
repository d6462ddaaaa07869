package cn.landreserve.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test peer reads as a Fabric peer does: committed state only, never the transaction's own writes. */
@Timeout(30)
class PeerStubTest {
    private final NavigableMap<String, PeerStub.Versioned> committed = new TreeMap<>();
    private final PeerStub peer = new PeerStub(committed, "landreserve", "evidence", "tx1",
            Instant.parse("2025-03-01T08:00:00Z"), new byte[] {1}, List.of());

    @Test
    void a_transaction_does_not_read_its_own_write_until_it_is_committed() {
        ChaincodeStub stub = peer.stub();
        stub.putState("k", bytes("mine"));

        assertThat(stub.getState("k")).isNull();
        assertThat(peer.written("k")).isEqualTo("mine");
        assertThat(peer.reads()).containsEntry("k", null);

        peer.commit();
        peer.begin("tx2");

        assertThat(new String(peer.stub().getState("k"), StandardCharsets.UTF_8)).isEqualTo("mine");
        assertThat(peer.reads()).containsEntry("k", Version.newBuilder().setBlockNum(0).setTxNum(0).build());
    }

    @Test
    void an_overwrite_in_the_transaction_still_reads_the_committed_value() {
        committed.put("k", new PeerStub.Versioned(bytes("old"), 4, 2));
        ChaincodeStub stub = peer.stub();
        stub.putState("k", bytes("new"));

        assertThat(new String(stub.getState("k"), StandardCharsets.UTF_8)).isEqualTo("old");
        assertThat(peer.reads()).containsEntry("k", Version.newBuilder().setBlockNum(4).setTxNum(2).build());
    }

    @Test
    void a_range_query_does_not_see_the_transactions_own_writes() throws Exception {
        committed.put(new CompositeKey("item", "P1", "a").toString(), new PeerStub.Versioned(bytes("a"), 0, 0));
        ChaincodeStub stub = peer.stub();
        stub.putState(new CompositeKey("item", "P1", "b").toString(), bytes("b"));

        List<String> keys = new java.util.ArrayList<>();
        try (QueryResultsIterator<KeyValue> hits = stub.getStateByPartialCompositeKey("item", "P1")) {
            hits.forEach(hit -> keys.add(hit.getStringValue()));
        }

        assertThat(keys).containsExactly("a");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
