package cn.landreserve.chaincode;

import java.util.HashMap;
import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The state as one transaction sees it: the committed state, with the transaction's own writes laid over it.
 * A Fabric peer does not show a transaction its own uncommitted writes; a transaction that anchors several
 * records needs to see them (a new version naming a version anchored earlier in the same transaction, a
 * decision relying on a document in it, the same record twice), so every read and write goes through here.
 */
final class TxState {
    private final ChaincodeStub stub;
    private final Map<String, byte[]> written = new HashMap<>();

    TxState(ChaincodeStub stub) {
        this.stub = stub;
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
