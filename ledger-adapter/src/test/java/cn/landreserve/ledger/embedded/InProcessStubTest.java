package cn.landreserve.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded engine's stub reads as a Fabric peer does: a transaction sees the committed state (and, since the
 * block's transactions run one after another, the earlier transactions of its block), never its own writes.
 */
@Timeout(30)
class InProcessStubTest {

    private static InProcessStub transaction(StateView view) {
        return new InProcessStub(view, "landreserve", "evidence", "tx", Instant.parse("2025-03-01T08:00:00Z"),
                ByteString.EMPTY, "ReserveBureauMSP", List.of());
    }

    @Test
    void a_transaction_does_not_read_its_own_write() {
        WorldState state = new WorldState();
        String a = new CompositeKey("item", "P1", "a").toString();
        String b = new CompositeKey("item", "P1", "b").toString();
        state.apply(0, List.of(new WorldState.TxWrites(Map.of(a, bytes("committed")))));
        InProcessStub stub = transaction(state);

        stub.putState(a, bytes("mine"));
        stub.putState(b, bytes("mine"));

        assertThat(new String(stub.getState(a), StandardCharsets.UTF_8)).isEqualTo("committed");
        assertThat(stub.getState(b)).isNull();
        List<String> range = new ArrayList<>();
        stub.getStateByPartialCompositeKey("item", "P1").forEach(kv -> range.add(kv.getStringValue()));
        assertThat(range).containsExactly("committed");
    }

    @Test
    void a_later_transaction_of_the_block_sees_an_earlier_ones_writes() {
        BlockOverlay block = new BlockOverlay(new WorldState());
        InProcessStub first = transaction(block);
        first.putState("k", bytes("first"));
        block.put(1, 0, first.writes());

        assertThat(new String(transaction(block).getState("k"), StandardCharsets.UTF_8)).isEqualTo("first");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
