package cn.landreserve.ledger.embedded;

import java.util.NavigableMap;

/** Read access to world state: committed, or committed plus the block being built. */
interface StateView {

    /** The value and version under a key, or {@code null}. */
    WorldState.Versioned get(String key);

    /** All keys starting with {@code prefix}, sorted. */
    NavigableMap<String, WorldState.Versioned> withPrefix(String prefix);
}
