package cn.landreserve.ledger.embedded;

import cn.landreserve.ledger.receipt.FabricBlocks;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/** Builds the Fabric messages the embedded ledger stores: endorser transactions and signed blocks. */
final class FabricMessages {
    /** Number of block metadata entries Fabric writes (SIGNATURES .. COMMIT_HASH). */
    static final int METADATA_ENTRIES = 5;

    private FabricMessages() {
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /**
     * An endorser transaction as a Fabric client and peer would produce it: the creator signs the
     * envelope, the endorser signs the proposal response payload.
     */
    static Envelope endorserTransaction(String channel, String chaincode, Signer creator, Signer endorser,
            byte[] nonce, String txId, Instant time, List<String> args, KVRWSet rwset, ChaincodeEvent event,
            ByteString responsePayload) {
        ChaincodeID chaincodeId = ChaincodeID.newBuilder().setName(chaincode).build();
        ByteString channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channel)
                .setTxId(txId)
                .setTimestamp(timestamp(time))
                .setExtension(ChaincodeHeaderExtension.newBuilder().setChaincodeId(chaincodeId).build().toByteString())
                .build().toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator.serialized()).setNonce(ByteString.copyFrom(nonce)).build().toByteString();
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
        for (String arg : args) {
            input.addArgs(ByteString.copyFromUtf8(arg));
        }
        ByteString proposalPayload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder().setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(ChaincodeSpec.Type.JAVA).setChaincodeId(chaincodeId).setInput(input)).build()
                        .toByteString())
                .build().toByteString();
        MessageDigest proposalHash = FabricBlocks.sha256();
        proposalHash.update(channelHeader.toByteArray());
        proposalHash.update(signatureHeader.toByteArray());
        proposalHash.update(proposalPayload.toByteArray());

        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV)
                        .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(chaincode).setRwset(rwset.toByteString()))
                        .build().toByteString())
                .setResponse(Response.newBuilder().setStatus(200).setPayload(responsePayload))
                .setChaincodeId(chaincodeId);
        if (event != null) {
            action.setEvents(event.toByteString());
        }
        ByteString responsePayloadBytes = ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(proposalHash.digest()))
                .setExtension(action.build().toByteString())
                .build().toByteString();
        byte[] endorsement = endorser.sign(FabricBlocks.endorsementInput(responsePayloadBytes, endorser.serialized()));

        ByteString actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(proposalPayload)
                .setAction(ChaincodeEndorsedAction.newBuilder()
                        .setProposalResponsePayload(responsePayloadBytes)
                        .addEndorsements(Endorsement.newBuilder().setEndorser(endorser.serialized())
                                .setSignature(ByteString.copyFrom(endorsement))))
                .build().toByteString();
        ByteString transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setHeader(signatureHeader).setPayload(actionPayload))
                .build().toByteString();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader).setSignatureHeader(signatureHeader))
                .setData(transaction)
                .build().toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(creator.sign(payload.toByteArray()))).build();
    }

    /** The genesis envelope: a signed MESSAGE naming the ledger's channel, chaincode and CA. */
    static Envelope genesisEnvelope(String channel, Signer node, byte[] nonce, Instant time, String description) {
        ByteString channelHeader = ChannelHeader.newBuilder().setType(HeaderType.MESSAGE_VALUE).setChannelId(channel)
                .setTimestamp(timestamp(time)).build().toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(node.serialized())
                .setNonce(ByteString.copyFrom(nonce)).build().toByteString();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader).setSignatureHeader(signatureHeader))
                .setData(ByteString.copyFromUtf8(description)).build().toByteString();
        return Envelope.newBuilder().setPayload(payload)
                .setSignature(ByteString.copyFrom(node.sign(payload.toByteArray()))).build();
    }

    /** A block over envelopes, chained to {@code previousHash}, signed as an orderer signs. */
    static Block block(long number, byte[] previousHash, List<ByteString> envelopes, Signer orderer, byte[] nonce) {
        BlockHeader header = BlockHeader.newBuilder().setNumber(number)
                .setPreviousHash(ByteString.copyFrom(previousHash))
                .setDataHash(ByteString.copyFrom(FabricBlocks.dataHash(envelopes)))
                .build();
        ByteString value = OrdererBlockMetadata.newBuilder()
                .setLastConfig(LastConfig.newBuilder().setIndex(0)).build().toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder().setCreator(orderer.serialized())
                .setNonce(ByteString.copyFrom(nonce)).build().toByteString();
        byte[] signature = orderer.sign(FabricBlocks.blockSignatureInput(value, signatureHeader, header));
        Metadata signatures = Metadata.newBuilder().setValue(value)
                .addSignatures(MetadataSignature.newBuilder().setSignatureHeader(signatureHeader)
                        .setSignature(ByteString.copyFrom(signature)))
                .build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        metadata.addMetadata(signatures.toByteString());
        metadata.addMetadata(ByteString.EMPTY);
        metadata.addMetadata(ByteString.copyFrom(new byte[envelopes.size()])); // TRANSACTIONS_FILTER: all VALID
        metadata.addMetadata(ByteString.EMPTY);
        metadata.addMetadata(ByteString.EMPTY);
        return Block.newBuilder().setHeader(header).setData(BlockData.newBuilder().addAllData(envelopes))
                .setMetadata(metadata).build();
    }
}
