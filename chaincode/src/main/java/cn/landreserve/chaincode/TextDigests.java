package cn.landreserve.chaincode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a text the ledger must not hold in the clear (an opinion, a reason, a file name) becomes the digest it holds:
 * SHA-256 of the text's UTF-8 bytes, 64 lowercase hex.
 */
public final class TextDigests {

    private TextDigests() {
    }

    /** SHA-256 of {@code text} as UTF-8, lowercase hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
