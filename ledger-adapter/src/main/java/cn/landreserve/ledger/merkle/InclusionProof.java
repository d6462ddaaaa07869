package cn.landreserve.ledger.merkle;

import java.util.List;

/**
 * That one leaf is in a tree: the leaf's index and hash, the tree's size and root, and the
 * sibling hashes from the leaf up.
 *
 * @param leafIndex position of the leaf, from 0
 * @param treeSize number of leaves
 * @param leafHash RFC 6962 leaf hash, SHA-256(0x00 || leaf)
 * @param auditPath sibling hashes, leaf level first
 * @param root the tree's root
 */
public record InclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> auditPath, byte[] root) {

    /** Copies the path so the proof stays immutable. */
    public InclusionProof {
        auditPath = List.copyOf(auditPath);
    }
}
