package cn.landreserve.ledger.embedded;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The committed state seen through the writes of the block being built, so that transactions
 * in one block execute one after another (serially) as if each had been committed.
 */
final class BlockOverlay implements StateView {
    private final StateView committed;
    private final TreeMap<String, WorldState.Versioned> pending = new TreeMap<>();

    BlockOverlay(StateView committed) {
        this.committed = committed;
    }

    void put(long block, int tx, Map<String, byte[]> writes) {
        writes.forEach((key, value) -> pending.put(key, new WorldState.Versioned(value, block, tx)));
    }

    @Override
    public WorldState.Versioned get(String key) {
        WorldState.Versioned value = pending.get(key);
        return value != null ? value : committed.get(key);
    }

    @Override
    public NavigableMap<String, WorldState.Versioned> withPrefix(String prefix) {
        NavigableMap<String, WorldState.Versioned> base = committed.withPrefix(prefix);
        NavigableMap<String, WorldState.Versioned> mine = pending.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
        if (mine.isEmpty()) {
            return base;
        }
        TreeMap<String, WorldState.Versioned> merged = new TreeMap<>(base);
        merged.putAll(mine);
        return merged;
    }
}
