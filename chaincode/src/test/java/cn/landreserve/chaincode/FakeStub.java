package cn.landreserve.chaincode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** An in-memory stub: committed state, one transaction's write set, history, and the last event. */
final class FakeStub implements ChaincodeStub {
    final TreeMap<String, byte[]> state = new TreeMap<>();
    final Map<String, List<String>> history = new TreeMap<>();
    Map<String, byte[]> writes = new LinkedHashMap<>();
    /** Keys the current transaction read with getState, in order. */
    List<String> reads = new ArrayList<>();
    String txId = "tx0";
    Instant timestamp = Instant.parse("2025-03-01T08:00:00Z");
    byte[] creator;
    String eventName;
    byte[] eventPayload;

    FakeStub(byte[] creator) {
        this.creator = creator;
    }

    /** Starts the next transaction. */
    FakeStub begin(String nextTxId) {
        writes = new LinkedHashMap<>();
        reads = new ArrayList<>();
        txId = nextTxId;
        eventName = null;
        eventPayload = null;
        return this;
    }

    /** Commits the write set, as a successful transaction would. */
    void commit() {
        writes.forEach((key, value) -> {
            state.put(key, value);
            history.computeIfAbsent(key, k -> new ArrayList<>()).add(txId);
        });
        writes = new LinkedHashMap<>();
    }

    String written(String key) {
        byte[] value = writes.get(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** Like a Fabric peer: the committed state only; a transaction does not see its own writes. */
    @Override
    public byte[] getState(String key) {
        reads.add(key);
        return state.get(key);
    }

    @Override
    public void putState(String key, byte[] value) {
        writes.put(key, value.clone());
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        String prefix = new CompositeKey(objectType, attributes).toString();
        List<KeyValue> hits = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : state.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            hits.add(new KeyValue() {
                @Override
                public String getKey() {
                    return e.getKey();
                }

                @Override
                public byte[] getValue() {
                    return e.getValue();
                }

                @Override
                public String getStringValue() {
                    return new String(e.getValue(), StandardCharsets.UTF_8);
                }
            });
        }
        return iterator(hits);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        List<KeyModification> mods = new ArrayList<>();
        for (String tx : history.getOrDefault(key, List.of())) {
            byte[] value = state.get(key);
            mods.add(new KeyModification() {
                @Override
                public String getTxId() {
                    return tx;
                }

                @Override
                public byte[] getValue() {
                    return value;
                }

                @Override
                public String getStringValue() {
                    return new String(value, StandardCharsets.UTF_8);
                }

                @Override
                public Instant getTimestamp() {
                    return timestamp;
                }

                @Override
                public boolean isDeleted() {
                    return false;
                }
            });
        }
        return iterator(mods);
    }

    private static <T> QueryResultsIterator<T> iterator(List<T> items) {
        return new QueryResultsIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public Iterator<T> iterator() {
                return items.iterator();
            }
        };
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        eventName = name;
        eventPayload = payload;
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator;
    }

    @Override
    public String getChannelId() {
        return "evidence";
    }

    // ---- not used by the contract ----

    @Override
    public List<byte[]> getArgs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> getStringArgs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getFunction() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> getParameters() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Chaincode.Response invokeChaincode(String name, List<byte[]> args, String channel) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delState(String key) {
        throw new UnsupportedOperationException("the contract never deletes");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String s, String e, int n, String b) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey key, int n, String b) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String q, int n, String b) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String s, String e) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, CompositeKey key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ChaincodeEvent getEvent() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    @Override
    public byte[] getBinding() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getMspId() {
        throw new UnsupportedOperationException();
    }
}
