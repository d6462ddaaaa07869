package cn.landreserve.ledger.embedded;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Committed world state (key → value and the version that wrote it), rebuilt
 * from the blocks at start. The committer thread is the only writer: it reads without locking
 * and takes the write lock only to apply a block; query threads hold the read lock.
 */
final class WorldState implements StateView {
    private final TreeMap<String, Versioned> state = new TreeMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * A value with the transaction that wrote it.
     *
     * @param value the bytes
     * @param block block number
     * @param tx index of the transaction in the block
     */
    record Versioned(byte[] value, long block, int tx) {
    }

    /**
     * One transaction's writes.
     *
     * @param writes key → value, in write order
     */
    record TxWrites(Map<String, byte[]> writes) {
    }

    ReadWriteLock lock() {
        return lock;
    }

    @Override
    public Versioned get(String key) {
        return state.get(key);
    }

    @Override
    public NavigableMap<String, Versioned> withPrefix(String prefix) {
        return state.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    /** Applies a block's transactions, in order, under the write lock. */
    void apply(long blockNumber, List<TxWrites> transactions) {
        lock.writeLock().lock();
        try {
            applyUnlocked(blockNumber, transactions);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void applyUnlocked(long blockNumber, List<TxWrites> transactions) {
        for (int tx = 0; tx < transactions.size(); tx++) {
            TxWrites writes = transactions.get(tx);
            if (writes == null) {
                continue;
            }
            for (Map.Entry<String, byte[]> write : writes.writes().entrySet()) {
                state.put(write.getKey(), new Versioned(write.getValue(), blockNumber, tx));
            }
        }
    }

    int size() {
        return state.size();
    }
}
