package cn.landreserve.ledger.embedded;

import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.ledger.receipt.FabricBlocks;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;

/**
 * Verifies each stored block as it is read at start and replays its writes into the world state:
 * numbering, link to the previous header, data hash, transaction filter, and the node's block
 * signature (which covers the header, hence the data hash, hence every envelope).
 */
final class ChainReplay implements BlockStore.Visitor {
    private final WorldState state;
    private final Signer node;
    private final String channel;
    private final String chaincode;
    private byte[] previousHeaderHash = new byte[0];
    private long transactions;

    ChainReplay(WorldState state, Signer node, String channel, String chaincode) {
        this.state = state;
        this.node = node;
        this.channel = channel;
        this.chaincode = chaincode;
    }

    byte[] lastHeaderHash() {
        return previousHeaderHash;
    }

    long transactions() {
        return transactions;
    }

    @Override
    public void block(long number, byte[] bytes) throws CorruptChainException {
        Block block;
        try {
            block = Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptChainException(number, "not a block: " + e.getMessage());
        }
        byte[] headerHash = verify(number, block);
        List<WorldState.TxWrites> writes = new ArrayList<>(block.getData().getDataCount());
        if (number > 0) {
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                writes.add(writesOf(number, i, block.getData().getData(i)));
            }
        }
        state.applyUnlocked(number, writes);
        transactions += writes.size();
        previousHeaderHash = headerHash;
    }

    /** Checks one block against its predecessor; returns its header hash. */
    byte[] verify(long number, Block block) throws CorruptChainException {
        if (!block.hasHeader() || block.getHeader().getNumber() != number) {
            throw new CorruptChainException(number, "header says block " + block.getHeader().getNumber());
        }
        if (!MessageDigest.isEqual(block.getHeader().getPreviousHash().toByteArray(), previousHeaderHash)) {
            throw new CorruptChainException(number, "previous hash does not match block " + (number - 1) + "'s header");
        }
        List<ByteString> envelopes = block.getData().getDataList();
        if (!MessageDigest.isEqual(FabricBlocks.dataHash(envelopes), block.getHeader().getDataHash().toByteArray())) {
            throw new CorruptChainException(number, "data hash does not match the block's transactions");
        }
        if (block.getMetadata().getMetadataCount() != FabricMessages.METADATA_ENTRIES) {
            throw new CorruptChainException(number, "metadata has " + block.getMetadata().getMetadataCount() + " entries");
        }
        ByteString filter = block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
        if (filter.size() != envelopes.size() || !filter.equals(ByteString.copyFrom(new byte[envelopes.size()]))) {
            throw new CorruptChainException(number, "transaction filter is not all VALID");
        }
        try {
            Metadata signatures = Metadata.parseFrom(block.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
            if (signatures.getSignaturesCount() != 1) {
                throw new CorruptChainException(number, "expected one block signature");
            }
            MetadataSignature signature = signatures.getSignatures(0);
            SignatureHeader header = SignatureHeader.parseFrom(signature.getSignatureHeader());
            if (!header.getCreator().equals(node.serialized())) {
                throw new CorruptChainException(number, "signed by an identity other than this node");
            }
            byte[] signed = FabricBlocks.blockSignatureInput(signatures.getValue(), signature.getSignatureHeader(),
                    block.getHeader());
            if (!Certificates.verifies(node.certificate(), signed, signature.getSignature().toByteArray())) {
                throw new CorruptChainException(number, "block signature does not verify");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptChainException(number, "block signature metadata is unreadable");
        }
        return FabricBlocks.headerHash(block.getHeader());
    }

    private WorldState.TxWrites writesOf(long number, int index, ByteString envelopeBytes) throws CorruptChainException {
        try {
            Payload payload = Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE || !header.getChannelId().equals(channel)) {
                throw new CorruptChainException(number, "transaction " + index + " is not an endorser transaction of "
                        + channel);
            }
            Transaction transaction = Transaction.parseFrom(payload.getData());
            ChaincodeActionPayload action = ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(ProposalResponsePayload
                    .parseFrom(action.getAction().getProposalResponsePayload()).getExtension());
            Map<String, byte[]> writes = new LinkedHashMap<>();
            for (NsReadWriteSet ns : TxReadWriteSet.parseFrom(chaincodeAction.getResults()).getNsRwsetList()) {
                if (!ns.getNamespace().equals(chaincode)) {
                    continue;
                }
                for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                    writes.put(write.getKey(), write.getValue().toByteArray());
                }
            }
            return new WorldState.TxWrites(writes);
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw new CorruptChainException(number, "transaction " + index + " is unreadable");
        }
    }
}
