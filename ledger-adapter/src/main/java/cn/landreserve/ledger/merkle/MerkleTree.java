package cn.landreserve.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6962 Merkle tree held in memory, level by level, to give the root and any leaf's
 * inclusion proof. Carrying an odd last node up a level unchanged builds exactly RFC 6962's tree
 * (which splits at the largest power of two below n).
 */
public final class MerkleTree {
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /** Builds the tree over leaf inputs (for a batch: the 32-byte digests), in order. */
    public static MerkleTree of(List<byte[]> leafInputs) {
        if (leafInputs.isEmpty()) {
            throw new IllegalArgumentException("a tree needs at least one leaf");
        }
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = new byte[leafInputs.size()][];
        for (int i = 0; i < level.length; i++) {
            level[i] = Rfc6962.leafHash(leafInputs.get(i));
        }
        levels.add(level);
        while (level.length > 1) {
            byte[][] next = new byte[(level.length + 1) / 2][];
            for (int i = 0; i + 1 < level.length; i += 2) {
                next[i / 2] = Rfc6962.nodeHash(level[i], level[i + 1]);
            }
            if (level.length % 2 == 1) {
                next[next.length - 1] = level[level.length - 1];
            }
            levels.add(next);
            level = next;
        }
        return new MerkleTree(levels);
    }

    /** Number of leaves. */
    public int size() {
        return levels.get(0).length;
    }

    /** The tree's root hash. */
    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /** The audit path of leaf {@code index}, from the leaf's sibling up (RFC 9162 §2.1.3.1). */
    public InclusionProof inclusionProof(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + size());
        }
        List<byte[]> path = new ArrayList<>();
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            int sibling = position ^ 1;
            if (sibling < level.length) {
                path.add(level[sibling]);
            }
            position >>= 1;
        }
        return new InclusionProof(index, size(), levels.get(0)[index], path, root());
    }
}
