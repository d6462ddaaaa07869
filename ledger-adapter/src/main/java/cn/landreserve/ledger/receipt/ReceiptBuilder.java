package cn.landreserve.ledger.receipt;

import cn.landreserve.chaincode.CanonicalJson;
import cn.landreserve.ledger.merkle.InclusionProof;
import cn.landreserve.ledger.merkle.MerkleTree;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Builds a {@link Receipt} from a Fabric block and the position of the transaction that wrote the
 * evidence; any engine that can hand over the committed block (embedded store, qscc) uses it.
 */
public final class ReceiptBuilder {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final HexFormat HEX = HexFormat.of();

    private final String engine;
    private final String channel;
    private final String chaincode;
    private final String evidenceId;
    private final byte[] stateValue;
    private final Block block;
    private final int txIndex;
    private final List<String> caPems;
    private Receipt.Proof proof;

    /**
     * @param engine {@code embedded} or {@code fabric}
     * @param channel the channel
     * @param chaincode the chaincode name
     * @param evidenceId the evidence
     * @param stateValue the exact state value under the evidence key
     * @param block the committed block holding the anchoring transaction
     * @param txIndex the transaction's position in the block
     * @param caPems the organisations' CA certificates (PEM)
     */
    public ReceiptBuilder(String engine, String channel, String chaincode, String evidenceId, byte[] stateValue,
            Block block, int txIndex, List<String> caPems) {
        this.engine = engine;
        this.channel = channel;
        this.chaincode = chaincode;
        this.evidenceId = evidenceId;
        this.stateValue = stateValue.clone();
        this.block = block;
        this.txIndex = txIndex;
        this.caPems = List.copyOf(caPems);
    }

    /** Adds the inclusion proof of batch item {@code leafIndex}, recomputed from the digests in the transaction. */
    public ReceiptBuilder withBatchItem(int leafIndex) throws InvalidProtocolBufferException {
        List<String> digests = batchDigests(block.getData().getData(txIndex));
        if (leafIndex < 0 || leafIndex >= digests.size()) {
            throw new IllegalArgumentException("no item " + leafIndex + " in a batch of " + digests.size());
        }
        List<byte[]> leaves = new ArrayList<>(digests.size());
        for (String digest : digests) {
            leaves.add(HEX.parseHex(digest));
        }
        InclusionProof p = MerkleTree.of(leaves).inclusionProof(leafIndex);
        proof = new Receipt.Proof(digests.get(leafIndex), p.leafIndex(), p.treeSize(), HEX.formatHex(p.leafHash()),
                p.auditPath().stream().map(HEX::formatHex).toList(), HEX.formatHex(p.root()));
        return this;
    }

    /** The digests an anchorBatch transaction carried: its last argument, a JSON array of hex. */
    public static List<String> batchDigests(ByteString envelopeBytes) throws InvalidProtocolBufferException {
        Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
        Transaction transaction = Transaction.parseFrom(payload.getData());
        ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
        ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(
                ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload()).getInput());
        List<ByteString> args = spec.getChaincodeSpec().getInput().getArgsList();
        if (args.size() < 3 || !args.get(0).toStringUtf8().endsWith("anchorBatch")) {
            throw new IllegalArgumentException("not an anchorBatch transaction");
        }
        List<String> digests = new ArrayList<>();
        for (JsonNode digest : CanonicalJson.tree(args.get(args.size() - 1).toByteArray())) {
            digests.add(digest.asText());
        }
        return digests;
    }

    /** The receipt. */
    public Receipt build() {
        try {
            ByteString envelopeBytes = block.getData().getData(txIndex);
            Envelope envelope = Envelope.parseFrom(envelopeBytes);
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            ByteString filter = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
            TxValidationCode code = TxValidationCode.forNumber(filter.byteAt(txIndex) & 0xff);
            Receipt.Transaction transaction = new Receipt.Transaction(channelHeader.getTxId(),
                    block.getHeader().getNumber(), txIndex, code == null ? "UNKNOWN" : code.name(),
                    B64.encodeToString(envelopeBytes.toByteArray()));

            Metadata signatures = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
            List<Receipt.BlockSignature> blockSignatures = new ArrayList<>();
            for (MetadataSignature signature : signatures.getSignaturesList()) {
                SerializedIdentity signer = SerializedIdentity.parseFrom(
                        SignatureHeader.parseFrom(signature.getSignatureHeader()).getCreator());
                blockSignatures.add(new Receipt.BlockSignature(B64.encodeToString(signature.getSignatureHeader().toByteArray()),
                        B64.encodeToString(signature.getSignature().toByteArray()), signer.getIdBytes().toStringUtf8()));
            }
            List<String> envelopes = new ArrayList<>(block.getData().getDataCount());
            for (ByteString e : block.getData().getDataList()) {
                envelopes.add(B64.encodeToString(e.toByteArray()));
            }
            Receipt.BlockPart blockPart = new Receipt.BlockPart(block.getHeader().getNumber(),
                    HEX.formatHex(block.getHeader().getPreviousHash().toByteArray()),
                    HEX.formatHex(block.getHeader().getDataHash().toByteArray()),
                    HEX.formatHex(FabricBlocks.headerHash(block.getHeader())), envelopes,
                    B64.encodeToString(signatures.getValue().toByteArray()), blockSignatures);

            Transaction tx = Transaction.parseFrom(payload.getData());
            ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
            List<Receipt.Endorsement> endorsements = new ArrayList<>();
            for (Endorsement endorsement : action.getAction().getEndorsementsList()) {
                SerializedIdentity endorser = SerializedIdentity.parseFrom(endorsement.getEndorser());
                endorsements.add(new Receipt.Endorsement(endorser.getMspid(), endorser.getIdBytes().toStringUtf8(),
                        B64.encodeToString(endorsement.getSignature().toByteArray())));
            }
            JsonNode record = CanonicalJson.tree(stateValue);
            return new Receipt(Receipt.FORMAT, engine, channel, chaincode, evidenceId, record,
                    B64.encodeToString(stateValue), transaction, blockPart, endorsements, caPems, proof);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("block " + block.getHeader().getNumber() + " is not readable: " + e, e);
        }
    }
}
