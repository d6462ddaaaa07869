package cn.landreserve.chaincode;

import java.util.HashMap;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The state as one transaction sees it: the committed state, with the transaction's own writes laid over it.
 * A Fabric peer does not show a transaction its own uncommitted writes; a transaction that anchors several
 * records needs to see them (a new version naming a version anchored earlier in the same transaction, a
 * decision relying on a document in it, the same record twice), so every read and write goes through here.
 * It also numbers the records the transaction anchors, in order.
 */
final class TxState {
    private final ChaincodeStub stub;
    private final Map<String, byte[]> written = new HashMap<>();
    private final boolean group;
    private int anchored;

    /** The state of a transaction; {@code group} when it may anchor several records ({@code anchorGroup}). */
    TxState(ChaincodeStub stub, boolean group) {
        this.stub = stub;
        this.group = group;
    }

    /** Whether records of this transaction carry their position in it. */
    boolean group() {
        return group;
    }

    /** The position of the next record this transaction anchors, from 0. */
    int nextPosition() {
        return anchored++;
    }

    ChaincodeStub stub() {
        return stub;
    }

    /** This transaction's write of {@code key} if it made one, else the committed value (or null). */
    byte[] get(String key) {
        byte[] own = written.get(key);
        return own != null ? own : stub.getState(key);
    }

    void put(String key, byte[] value) {
        written.put(key, value);
        stub.putState(key, value);
    }
}
