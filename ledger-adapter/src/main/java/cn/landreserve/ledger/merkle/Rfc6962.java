package cn.landreserve.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 (RFC 9162 §2.1) hashing over SHA-256: a leaf is hashed with prefix 0x00, an interior
 * node with prefix 0x01, so a leaf can never pass for a node.
 */
public final class Rfc6962 {
    /** Size of every hash. */
    public static final int HASH_SIZE = 32;

    private Rfc6962() {
    }

    /** SHA-256(0x00 || leaf). */
    public static byte[] leafHash(byte[] leafInput) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        digest.update(leafInput);
        return digest.digest();
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root of the empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
