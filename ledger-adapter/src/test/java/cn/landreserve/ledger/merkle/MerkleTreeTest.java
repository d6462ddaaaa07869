package cn.landreserve.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.chaincode.ProjectSeal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The certificate-transparency reference leaves and the roots of their prefixes. */
    private static final List<String> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static List<byte[]> leaves(int n) {
        return LEAVES.subList(0, n).stream().map(HEX::parseHex).toList();
    }

    @Test
    void roots_match_the_reference_vectors_and_the_contracts_own_root() {
        for (int n = 1; n <= LEAVES.size(); n++) {
            assertThat(HEX.formatHex(MerkleTree.of(leaves(n)).root())).as("size " + n).isEqualTo(ROOTS.get(n - 1));
            assertThat(HEX.formatHex(ProjectSeal.merkleRoot(leaves(n)))).as("size " + n).isEqualTo(ROOTS.get(n - 1));
        }
        assertThat(HEX.formatHex(Rfc6962.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void every_leaf_of_every_size_up_to_70_proves_and_no_other_leaf_does() throws Exception {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> inputs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                inputs.add(new byte[] {(byte) i, (byte) n});
            }
            MerkleTree tree = MerkleTree.of(inputs);
            for (int i = 0; i < n; i++) {
                InclusionProof proof = tree.inclusionProof(i);
                InclusionProofVerifier.verify(inputs.get(i), proof, tree.root());
                int other = (i + 1) % n;
                if (other != i) {
                    assertThatThrownBy(() -> InclusionProofVerifier.verify(inputs.get(other), proof, tree.root()))
                            .isInstanceOf(ProofVerificationException.class).hasMessageStartingWith("leaf hash");
                }
            }
        }
    }

    @Test
    void tampered_proofs_fail_with_the_reason() {
        MerkleTree tree = MerkleTree.of(leaves(7));
        InclusionProof good = tree.inclusionProof(3);
        byte[] root = tree.root();
        List<byte[]> flipped = new ArrayList<>(good.auditPath());
        byte[] first = flipped.get(0).clone();
        first[0] ^= 1;
        flipped.set(0, first);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(null,
                new InclusionProof(3, 7, good.leafHash(), flipped, root), root)).hasMessageStartingWith("root: expected");
        assertThatThrownBy(() -> InclusionProofVerifier.verify(null,
                new InclusionProof(3, 7, good.leafHash(), good.auditPath().subList(0, 2), root), root))
                .hasMessageStartingWith("audit path is shorter");
        assertThatThrownBy(() -> InclusionProofVerifier.verify(null,
                new InclusionProof(7, 7, good.leafHash(), good.auditPath(), root), root))
                .hasMessageStartingWith("leaf index 7 is outside");
        assertThatThrownBy(() -> InclusionProofVerifier.verify(null,
                new InclusionProof(3, 7, good.leafHash(), good.auditPath(), root), new byte[32]))
                .hasMessageStartingWith("root: the proof's root");
    }
}
