package cn.landreserve.workflow.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The link of a hash chain: SHA-256 over the previous entry's hash and this entry's fields, one per line. */
public final class HashChain {

    /** The "previous hash" of a log's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {}

    /** Lower-case hex SHA-256 of {@code prevHash \n field1 \n field2 …} in UTF-8. */
    public static String link(String prevHash, String... fields) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        sha256.update(prevHash.getBytes(StandardCharsets.UTF_8));
        for (String field : fields) {
            sha256.update((byte) '\n');
            sha256.update(field.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
