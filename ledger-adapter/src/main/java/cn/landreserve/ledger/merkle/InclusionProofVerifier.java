package cn.landreserve.ledger.merkle;

import java.security.MessageDigest;
import java.util.HexFormat;

/** Checks an RFC 9162 §2.1.3.2 inclusion proof: the leaf hash and path recompute the root. */
public final class InclusionProofVerifier {
    private static final HexFormat HEX = HexFormat.of();

    private InclusionProofVerifier() {
    }

    /**
     * Verifies that {@code leafInput} is leaf {@code proof.leafIndex()} of the tree with root
     * {@code expectedRoot}.
     *
     * @param leafInput the leaf's content (a batch item's 32-byte digest), or {@code null} to
     *     trust the proof's leaf hash
     * @param proof the proof
     * @param expectedRoot the root the proof must reach (from the anchored record)
     * @throws ProofVerificationException naming what differs, with expected and computed values
     */
    public static void verify(byte[] leafInput, InclusionProof proof, byte[] expectedRoot)
            throws ProofVerificationException {
        if (proof.treeSize() < 1 || proof.leafIndex() < 0 || proof.leafIndex() >= proof.treeSize()) {
            throw new ProofVerificationException("leaf index " + proof.leafIndex() + " is outside a tree of "
                    + proof.treeSize());
        }
        if (proof.leafHash() == null || proof.leafHash().length != Rfc6962.HASH_SIZE) {
            throw new ProofVerificationException("leaf hash is not 32 bytes");
        }
        if (leafInput != null) {
            byte[] computed = Rfc6962.leafHash(leafInput);
            if (!MessageDigest.isEqual(computed, proof.leafHash())) {
                throw new ProofVerificationException("leaf hash: expected " + HEX.formatHex(proof.leafHash())
                        + ", computed " + HEX.formatHex(computed));
            }
        }
        if (!MessageDigest.isEqual(proof.root(), expectedRoot)) {
            throw new ProofVerificationException("root: the proof's root " + HEX.formatHex(proof.root())
                    + " is not the anchored root " + HEX.formatHex(expectedRoot));
        }
        long fn = proof.leafIndex();
        long sn = proof.treeSize() - 1;
        byte[] r = proof.leafHash();
        for (byte[] p : proof.auditPath()) {
            if (p == null || p.length != Rfc6962.HASH_SIZE) {
                throw new ProofVerificationException("audit path holds a hash that is not 32 bytes");
            }
            if (sn == 0) {
                throw new ProofVerificationException("audit path is longer than a tree of " + proof.treeSize()
                        + " needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Rfc6962.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = Rfc6962.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new ProofVerificationException("audit path is shorter than a tree of " + proof.treeSize()
                    + " needs");
        }
        if (!MessageDigest.isEqual(r, expectedRoot)) {
            throw new ProofVerificationException("root: expected " + HEX.formatHex(expectedRoot) + ", computed "
                    + HEX.formatHex(r));
        }
    }
}
