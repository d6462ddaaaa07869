package cn.landreserve.chaincode.testing;

import com.google.protobuf.ByteString;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * What a Fabric peer gives the contract while it simulates a transaction, for tests: reads see the committed state
 * only — never the transaction's own writes, exactly as on a peer —, each read's version is recorded, writes are
 * buffered until {@link #commit()}, the event is kept. Only the calls the evidence contract makes are answered; any
 * other fails the test loudly. The one test stub of the project: the chaincode's tests and the ledger adapter's
 * gateway double (through the chaincode's test-jar) both simulate with it.
 */
public final class PeerStub implements InvocationHandler {
    /**
     * A committed value and the version (block, transaction) that wrote it.
     *
     * @param value the value
     * @param block the block number
     * @param tx the transaction's index in the block
     */
    public record Versioned(byte[] value, long block, int tx) {
    }

    private final NavigableMap<String, Versioned> committed;
    private final String channel;
    private final String chaincode;
    private final ChaincodeStub proxy;
    private final Map<String, Version> reads = new LinkedHashMap<>();
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private String txId;
    private Instant timestamp;
    private byte[] creator;
    private List<String> args;
    private ChaincodeEvent event;

    /**
     * A transaction {@code txId} simulated on {@code committed}, the state a peer has committed (shared, not copied:
     * the peer's commits are seen by the next simulation).
     */
    public PeerStub(NavigableMap<String, Versioned> committed, String channel, String chaincode, String txId,
            Instant timestamp, byte[] creator, List<String> args) {
        this.committed = committed;
        this.channel = channel;
        this.chaincode = chaincode;
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator.clone();
        this.args = List.copyOf(args);
        this.proxy = (ChaincodeStub) Proxy.newProxyInstance(ChaincodeStub.class.getClassLoader(),
                new Class<?>[] {ChaincodeStub.class}, this);
    }

    /** The stub to give the contract ({@code contract.createContext(stub())}). */
    public ChaincodeStub stub() {
        return proxy;
    }

    /** Starts the next transaction on the same committed state: no reads, writes or event yet. */
    public PeerStub begin(String nextTxId) {
        txId = nextTxId;
        reads.clear();
        writes.clear();
        event = null;
        return this;
    }

    /** Commits the buffered writes as the next block's only transaction, as a peer would after validation. */
    public void commit() {
        long block = committed.values().stream().mapToLong(Versioned::block).max().orElse(-1) + 1;
        writes.forEach((key, value) -> committed.put(key, new Versioned(value, block, 0)));
        writes.clear();
    }

    /** The committed state. */
    public NavigableMap<String, Versioned> committed() {
        return committed;
    }

    /** Signs the next transactions as another identity. */
    public void creator(byte[] serializedIdentity) {
        creator = serializedIdentity.clone();
    }

    /** The writes, in write order (the last write to a key wins). */
    public Map<String, byte[]> writes() {
        return writes;
    }

    /** What the transaction wrote under {@code key}, as UTF-8, or {@code null}. */
    public String written(String key) {
        byte[] value = writes.get(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The keys read, in the order first read, with the version read ({@code null}: the key did not exist). */
    public Map<String, Version> reads() {
        return reads;
    }

    /** The event the transaction set, or {@code null}. */
    public ChaincodeEvent event() {
        return event;
    }

    /** The read-write set as a peer records it: reads with versions, writes, both sorted by key. */
    public KVRWSet readWriteSet() {
        KVRWSet.Builder set = KVRWSet.newBuilder();
        new TreeMap<>(reads).forEach((key, version) -> {
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

    @Override
    public Object invoke(Object self, Method method, Object[] a) throws Throwable {
        switch (method.getName()) {
            case "getState":
                return read((String) a[0]);
            case "putState":
                writes.put((String) a[0], ((byte[]) a[1]).clone());
                return null;
            case "getStateByPartialCompositeKey":
                return range(a.length == 2 ? new CompositeKey((String) a[0], (String[]) a[1]).toString()
                        : a[0].toString());
            case "createCompositeKey":
                return new CompositeKey((String) a[0], (String[]) a[1]);
            case "splitCompositeKey":
                return CompositeKey.parseCompositeKey((String) a[0]);
            case "setEvent":
                event = ChaincodeEvent.newBuilder().setChaincodeId(chaincode).setTxId(txId)
                        .setEventName((String) a[0]).setPayload(ByteString.copyFrom((byte[]) a[1])).build();
                return null;
            case "getTxId":
                return txId;
            case "getTxTimestamp":
                return timestamp;
            case "getCreator":
                return creator.clone();
            case "getChannelId":
                return channel;
            case "getStringArgs":
                return args;
            case "getArgs":
                return args.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
            case "getTransient":
                return Map.of();
            case "hashCode":
                return System.identityHashCode(self);
            case "equals":
                return self == a[0];
            case "toString":
                return "PeerStub[" + txId + "]";
            default:
                if (method.isDefault()) {
                    return InvocationHandler.invokeDefault(self, method, a);
                }
                throw new UnsupportedOperationException("the test peer does not offer " + method.getName());
        }
    }

    /** The committed value, never this transaction's own write; the version read is recorded once. */
    private byte[] read(String key) {
        Versioned v = committed.get(key);
        reads.putIfAbsent(key, v == null ? null : Version.newBuilder().setBlockNum(v.block()).setTxNum(v.tx()).build());
        return v == null ? null : v.value().clone();
    }

    private QueryResultsIterator<KeyValue> range(String prefix) {
        List<KeyValue> hits = new ArrayList<>();
        committed.tailMap(prefix, true).entrySet().stream().takeWhile(e -> e.getKey().startsWith(prefix))
                .forEach(e -> hits.add(new Kv(e.getKey(), e.getValue().value())));
        return new QueryResultsIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public Iterator<KeyValue> iterator() {
                return hits.iterator();
            }
        };
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
}
