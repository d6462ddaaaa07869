package cn.landreserve.chaincode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The seal's root: RFC 6962 Merkle tree hash over leaves that are the SHA-256 of each record's
 * canonical JSON, in ledger (sequence) order. Leaf hash = SHA-256(0x00 || leaf), node hash =
 * SHA-256(0x01 || left || right); the empty tree's root is SHA-256 of nothing.
 */
public final class ProjectSeal {
    private ProjectSeal() {
    }

    /** The root over the canonical record JSON of each evidence, in order; 64 lowercase hex. */
    public static String root(List<byte[]> canonicalRecords) {
        List<byte[]> leaves = new ArrayList<>(canonicalRecords.size());
        for (byte[] record : canonicalRecords) {
            leaves.add(sha256(record));
        }
        return HexFormat.of().formatHex(merkleRoot(leaves));
    }

    /** RFC 6962 Merkle tree hash over the given leaf inputs. */
    public static byte[] merkleRoot(List<byte[]> leafInputs) {
        if (leafInputs.isEmpty()) {
            return sha256(new byte[0]);
        }
        List<byte[]> level = new ArrayList<>(leafInputs.size());
        for (byte[] leaf : leafInputs) {
            level.add(hash((byte) 0, leaf, null));
        }
        // Bottom-up pairing that carries an odd last node up unchanged is the same as RFC 6962's
        // split at the largest power of two below n.
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(hash((byte) 1, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    static byte[] sha256(byte[] data) {
        MessageDigest digest = newSha256();
        return digest.digest(data);
    }

    private static byte[] hash(byte prefix, byte[] left, byte[] right) {
        MessageDigest digest = newSha256();
        digest.update(prefix);
        digest.update(left);
        if (right != null) {
            digest.update(right);
        }
        return digest.digest();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
