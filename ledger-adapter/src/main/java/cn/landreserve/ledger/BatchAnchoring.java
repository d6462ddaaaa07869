package cn.landreserve.ledger;

import cn.landreserve.ledger.merkle.InclusionProof;
import java.util.List;

/**
 * A batch's anchoring with its root and one inclusion proof per digest, in input order.
 *
 * @param anchoring where the batch record was anchored
 * @param merkleRoot the RFC 6962 root, 64 lowercase hex
 * @param proofs proof of each digest, {@code proofs.get(i)} for the i-th digest
 */
public record BatchAnchoring(Anchoring anchoring, String merkleRoot, List<InclusionProof> proofs) {

    /** Copies the list so the value stays immutable. */
    public BatchAnchoring {
        proofs = List.copyOf(proofs);
    }
}
