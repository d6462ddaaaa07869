package cn.landreserve.ledger.support;

import cn.landreserve.chaincode.Classification;
import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SM3Digest;

/** Records for tests, with real SHA-256 and SM3 digests of small generated contents. */
public final class TestRecords {
    private TestRecords() {
    }

    /** The bytes of test file {@code n}. */
    public static byte[] content(String id) {
        return ("land reserve test document " + id).getBytes(StandardCharsets.UTF_8);
    }

    /** A first-version document record for content {@code content(id)}. */
    public static DocumentRecord document(String projectId, String id) {
        return version(projectId, id, 1, null, "IMPLEMENTATION_PLAN");
    }

    /** A document record of a given version and type. */
    public static DocumentRecord version(String projectId, String id, int version, String previous, String type) {
        byte[] bytes = content(id);
        return new DocumentRecord(id, projectId, "INITIATION", type, version, previous, sha256(bytes), sm3(bytes),
                (long) bytes.length, "application/pdf", Classification.INTERNAL, "zhang.san", "2025-03-01T08:00:00Z",
                sha256((id + ".pdf").getBytes(StandardCharsets.UTF_8)));
    }

    /** A decision relying on the given evidence. */
    public static DecisionRecord decision(String projectId, String id, List<String> reliedOn) {
        return new DecisionRecord(id, projectId, "REVIEW", "task-" + id, "Task_ReviewPlan", "landReserve:1:abc", 1,
                "APPROVE", sha256(id.getBytes(StandardCharsets.UTF_8)), "li.si", "REVIEWER_FINANCE", reliedOn,
                "2025-03-02T08:00:00Z");
    }

    /** Hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex SM3. */
    public static String sm3(byte[] bytes) {
        SM3Digest digest = new SM3Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
