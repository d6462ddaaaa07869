package cn.landreserve.ledger.embedded;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The shim's {@link ChaincodeStub} run in-process: reads from a {@link StateView}, records a
 * read set with versions and a write set, and like a Fabric peer does not show a transaction its
 * own uncommitted writes. Only what a contract over world state needs is supported; private data,
 * rich queries and chaincode-to-chaincode calls throw {@link UnsupportedOperationException}.
 */
final class InProcessStub implements ChaincodeStub {
    private final StateView view;
    private final String channelId;
    private final String chaincodeName;
    private final String txId;
    private final Instant timestamp;
    private final ByteString creator;
    private final String mspId;
    private final List<String> args;
    private final Map<String, Version> reads = new TreeMap<>();
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private ChaincodeEvent event;

    InProcessStub(StateView view, String channelId, String chaincodeName, String txId, Instant timestamp,
            ByteString creator, String mspId, List<String> args) {
        this.view = view;
        this.channelId = channelId;
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator;
        this.mspId = mspId;
        this.args = List.copyOf(args);
        this.chaincodeName = chaincodeName;
    }

    /** The writes in write order (last write to a key wins). */
    Map<String, byte[]> writes() {
        return writes;
    }

    /** Reads and writes as Fabric's KV read-write set, both sorted by key. */
    KVRWSet readWriteSet() {
        KVRWSet.Builder set = KVRWSet.newBuilder();
        reads.forEach((key, version) -> {
            KVRead.Builder read = KVRead.newBuilder().setKey(key);
            if (version != null) {
                read.setVersion(version);
            }
            set.addReads(read);
        });
        new TreeMap<>(writes).forEach((key, value) ->
                set.addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFrom(value))));
        return set.build();
    }

    ChaincodeEvent chaincodeEvent() {
        return event;
    }

    @Override
    public byte[] getState(String key) {
        WorldState.Versioned value = view.get(key);
        if (!reads.containsKey(key)) {
            reads.put(key, value == null ? null
                    : Version.newBuilder().setBlockNum(value.block()).setTxNum(value.tx()).build());
        }
        return value == null ? null : value.value().clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        if (key == null || key.isEmpty() || value == null) {
            throw new IllegalArgumentException("key and value are required");
        }
        writes.put(key, value.clone());
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        List<KeyValue> hits = new ArrayList<>();
        view.withPrefix(compositeKey.toString()).forEach((key, value) -> hits.add(new Kv(key, value.value())));
        return iterator(hits);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return getStateByPartialCompositeKey(CompositeKey.parseCompositeKey(compositeKey));
    }

    /** Not kept: the contract reads no key's history (it never overwrites a record). */
    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        throw new UnsupportedOperationException("the embedded ledger keeps no key history");
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        event = ChaincodeEvent.newBuilder().setChaincodeId(chaincodeName).setTxId(txId).setEventName(name)
                .setPayload(ByteString.copyFrom(payload)).build();
    }

    @Override
    public ChaincodeEvent getEvent() {
        return event;
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
        return creator.toByteArray();
    }

    @Override
    public String getChannelId() {
        return channelId;
    }

    @Override
    public String getMspId() {
        return mspId;
    }

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : args.get(0);
    }

    @Override
    public List<String> getParameters() {
        return args.isEmpty() ? List.of() : args.subList(1, args.size());
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    private record Kv(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }


    // ---- not supported in-process ----

    @Override
    public Chaincode.Response invokeChaincode(String name, List<byte[]> arguments, String channel) {
        throw unsupported();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unsupported();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public void delState(String key) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unsupported();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unsupported();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported();
    }

    @Override
    public byte[] getBinding() {
        throw unsupported();
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

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not supported by the embedded ledger");
    }
}
