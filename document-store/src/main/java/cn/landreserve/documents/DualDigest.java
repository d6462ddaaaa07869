package cn.landreserve.documents;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;

/** SHA-256 (JDK) and SM3 (BouncyCastle) updated together; not thread-safe, used by one thread at a time. */
final class DualDigest {

    /** Slices fed to the digests; small enough to stay in cache while both digests pass over them. */
    private static final int SLICE = 256 * 1024;

    private final MessageDigest sha256;
    private final SM3Digest sm3 = new SM3Digest();

    DualDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    void update(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int from = offset; from < end; from += SLICE) {
            int n = Math.min(SLICE, end - from);
            sha256.update(bytes, from, n);
            sm3.update(bytes, from, n);
        }
    }

    Digests finish() {
        byte[] sm3Out = new byte[sm3.getDigestSize()];
        sm3.doFinal(sm3Out, 0);
        HexFormat hex = HexFormat.of();
        return new Digests(hex.formatHex(sha256.digest()), hex.formatHex(sm3Out));
    }
}
