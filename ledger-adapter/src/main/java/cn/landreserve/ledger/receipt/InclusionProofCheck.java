package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import cn.landreserve.ledger.merkle.InclusionProof;
import cn.landreserve.ledger.merkle.InclusionProofVerifier;
import cn.landreserve.ledger.merkle.ProofVerificationException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** {@link Check#INCLUSION_PROOF}: a batch item's RFC 6962 audit path reaches the batch's anchored root. */
final class InclusionProofCheck {
    private InclusionProofCheck() {
    }

    /** Checks the receipt's proof, when it has one. */
    static void verify(Receipt r) throws CheckFailure {
        Receipt.Proof proof = r.inclusionProof();
        if (proof == null) {
            return;
        }
        require(Check.INCLUSION_PROOF, "BATCH".equals(r.record().path("kind").asText()), "only a batch record has items");
        JsonNode batch = r.record().path("record");
        require(Check.INCLUSION_PROOF, proof.root() != null && proof.root().equals(batch.path("merkleRoot").asText()),
                "the proof's root is not the batch's merkleRoot " + batch.path("merkleRoot").asText());
        require(Check.INCLUSION_PROOF, proof.treeSize() == batch.path("leafCount").asLong(),
                "the proof's tree size " + proof.treeSize() + " is not the batch's leafCount "
                        + batch.path("leafCount").asLong());
        require(Check.INCLUSION_PROOF, proof.auditPath() != null && proof.leaf() != null && proof.leafHash() != null,
                "the proof is incomplete");
        List<byte[]> path = new ArrayList<>();
        for (String node : proof.auditPath()) {
            path.add(Decoding.hex(Check.INCLUSION_PROOF, node, "auditPath"));
        }
        try {
            InclusionProofVerifier.verify(Decoding.hex(Check.INCLUSION_PROOF, proof.leaf(), "leaf"),
                    new InclusionProof(proof.leafIndex(), proof.treeSize(),
                            Decoding.hex(Check.INCLUSION_PROOF, proof.leafHash(), "leafHash"), path,
                            Decoding.hex(Check.INCLUSION_PROOF, proof.root(), "root")),
                    HexFormat.of().parseHex(batch.path("merkleRoot").asText()));
        } catch (ProofVerificationException | IllegalArgumentException e) {
            throw new CheckFailure(Check.INCLUSION_PROOF, e.getMessage());
        }
    }
}
