package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * {@link Check#BLOCK_SIGNATURE}: every block signature over the header verifies, and the signers are who the engine
 * says: the embedded engine's one node both endorses and orders; on Fabric, orderers never endorse.
 */
final class BlockSignatureCheck {
    private BlockSignatureCheck() {
    }

    /** The block signers' certificates by name, for the certificate chain. */
    static Map<String, X509Certificate> verify(Receipt r, BlockHeader header) throws CheckFailure {
        Receipt.BlockPart block = r.block();
        require(Check.BLOCK_SIGNATURE, !block.signatures().isEmpty(), "the block carries no signature");
        ByteString metadataValue = ByteString.copyFrom(Decoding.base64(Check.BLOCK_SIGNATURE,
                block.signatureMetadataValue(), "signatureMetadataValue"));
        Map<String, X509Certificate> signers = new LinkedHashMap<>();
        for (int i = 0; i < block.signatures().size(); i++) {
            Receipt.BlockSignature s = block.signatures().get(i);
            require(Check.BLOCK_SIGNATURE, s != null && s.signatureHeader() != null && s.signature() != null
                    && s.certificate() != null, "block signature " + i + " is incomplete");
            ByteString sigHeaderBytes = ByteString.copyFrom(Decoding.base64(Check.BLOCK_SIGNATURE,
                    s.signatureHeader(), "signatureHeader"));
            ByteString signerBytes;
            try {
                signerBytes = SignatureHeader.parseFrom(sigHeaderBytes).getCreator();
            } catch (InvalidProtocolBufferException e) {
                throw new CheckFailure(Check.BLOCK_SIGNATURE, "signature header " + i + " is unreadable");
            }
            SerializedIdentity signer = Decoding.identity(Check.BLOCK_SIGNATURE, signerBytes, "block signer " + i);
            require(Check.BLOCK_SIGNATURE, signer.getIdBytes().toStringUtf8().equals(s.certificate()),
                    "block signature " + i + " certificate is not the signer's");
            X509Certificate cert = Decoding.identityCertificate(Check.BLOCK_SIGNATURE, signerBytes,
                    "block signer " + i);
            byte[] signed = FabricBlocks.blockSignatureInput(metadataValue, sigHeaderBytes, header);
            require(Check.BLOCK_SIGNATURE, Certificates.verifies(cert, signed,
                    Decoding.base64(Check.BLOCK_SIGNATURE, s.signature(), "signature")),
                    "block " + block.number() + " signature " + i + " by " + signer.getMspid() + " does not verify");
            signers.put("block signer " + signer.getMspid() + " #" + i, cert);
        }
        boolean embedded = "embedded".equals(r.engine());
        boolean signerEndorsed = block.signatures().stream().anyMatch(s -> r.endorsements().stream()
                .anyMatch(e -> e.certificate().equals(s.certificate())));
        require(Check.BLOCK_SIGNATURE, signerEndorsed == embedded, embedded
                ? "engine is embedded but the block was not signed by the endorsing node"
                : "engine is fabric but the block was signed by an endorser, as only the embedded engine does");
        return signers;
    }
}
