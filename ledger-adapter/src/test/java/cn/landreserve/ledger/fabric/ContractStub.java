package cn.landreserve.ledger.fabric;

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
 * What a peer gives the contract during simulation, for the in-process gateway: reads from the
 * committed state (recording each key's version), buffers writes, keeps the event. Only the calls
 * the evidence contract makes are answered; any other fails the test loudly.
 */
final class ContractStub implements InvocationHandler {
    /** A committed value and the (block, tx) that wrote it. */
    record Versioned(byte[] value, long block, int tx) {
    }

    private final NavigableMap<String, Versioned> state;
    private final String channel;
    private final String chaincode;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final List<String> args;
    private final Map<String, Version> reads = new TreeMap<>();
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private ChaincodeEvent event;

    ContractStub(NavigableMap<String, Versioned> state, String channel, String chaincode, String txId,
            Instant timestamp, ByteString creator, List<String> args) {
        this.state = state;
        this.channel = channel;
        this.chaincode = chaincode;
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator.toByteArray();
        this.args = List.copyOf(args);
    }

    ChaincodeStub proxy() {
        return (ChaincodeStub) Proxy.newProxyInstance(ChaincodeStub.class.getClassLoader(),
                new Class<?>[] {ChaincodeStub.class}, this);
    }

    Map<String, byte[]> writes() {
        return writes;
    }

    Map<String, Version> reads() {
        return reads;
    }

    ChaincodeEvent event() {
        return event;
    }

    /** The read-write set as a peer records it: reads with versions, writes sorted by key. */
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

    @Override
    public Object invoke(Object proxy, Method method, Object[] a) throws Throwable {
        switch (method.getName()) {
            case "getState": {
                String key = (String) a[0];
                Versioned v = state.get(key);
                reads.putIfAbsent(key, v == null ? null
                        : Version.newBuilder().setBlockNum(v.block()).setTxNum(v.tx()).build());
                return v == null ? null : v.value().clone();
            }
            case "putState":
                writes.put((String) a[0], ((byte[]) a[1]).clone());
                return null;
            case "getStateByPartialCompositeKey": {
                String prefix = a.length == 2 ? new CompositeKey((String) a[0], (String[]) a[1]).toString()
                        : a[0].toString();
                List<KeyValue> hits = new ArrayList<>();
                state.tailMap(prefix, true).entrySet().stream().takeWhile(e -> e.getKey().startsWith(prefix))
                        .forEach(e -> hits.add(new Kv(e.getKey(), e.getValue().value())));
                return new QueryResultsIterator<KeyValue>() {
                    @Override
                    public void close() {
                    }

                    @Override
                    public Iterator<KeyValue> iterator() {
                        return hits.iterator();
                    }
                };
            }
            case "createCompositeKey":
                return new CompositeKey((String) a[0], (String[]) a[1]);
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
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == a[0];
            case "toString":
                return "ContractStub[" + txId + "]";
            default:
                if (method.isDefault()) {
                    return InvocationHandler.invokeDefault(proxy, method, a);
                }
                throw new UnsupportedOperationException("the in-process gateway does not offer " + method.getName());
        }
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
