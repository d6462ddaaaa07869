package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;

/**
 * {@link Check#ENVELOPE}: the envelope is an endorser transaction of the receipt's channel and chaincode, whose id is
 * the receipt's and is derived from its nonce and creator.
 */
final class EnvelopeCheck {
    /**
     * The transaction envelope, parsed.
     *
     * @param bytes the envelope as the block holds it
     * @param envelope the envelope
     * @param payload its payload
     * @param signatureHeader the creator and nonce
     * @param time the channel header's timestamp
     */
    record Parsed(byte[] bytes, Envelope envelope, Payload payload, SignatureHeader signatureHeader, Instant time) {
    }

    private EnvelopeCheck() {
    }

    static Parsed verify(Receipt r) throws CheckFailure {
        byte[] bytes = Decoding.base64(Check.ENVELOPE, r.transaction().envelope(), "envelope");
        Envelope envelope;
        Payload payload;
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            envelope = Envelope.parseFrom(bytes);
            payload = Payload.parseFrom(envelope.getPayload());
            channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            throw new CheckFailure(Check.ENVELOPE, "not a Fabric envelope (" + e.getMessage() + ")");
        }
        require(Check.ENVELOPE, channelHeader.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE,
                "not an endorser transaction");
        require(Check.ENVELOPE, channelHeader.getChannelId().equals(r.channel()),
                "channel is " + channelHeader.getChannelId() + ", receipt says " + r.channel());
        require(Check.ENVELOPE, channelHeader.getTxId().equals(r.transaction().id()),
                "transaction id is " + channelHeader.getTxId() + ", receipt says " + r.transaction().id());
        String derivedTxId = FabricBlocks.txId(signatureHeader.getNonce().toByteArray(),
                signatureHeader.getCreator().toByteArray());
        require(Check.ENVELOPE, derivedTxId.equals(channelHeader.getTxId()),
                "transaction id is not SHA-256(nonce || creator)");
        String chaincode;
        try {
            chaincode = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension()).getChaincodeId().getName();
        } catch (InvalidProtocolBufferException e) {
            throw new CheckFailure(Check.ENVELOPE, "chaincode header extension is unreadable");
        }
        require(Check.ENVELOPE, chaincode.equals(r.chaincode()),
                "chaincode is " + chaincode + ", receipt says " + r.chaincode());
        Instant time = Instant.ofEpochSecond(channelHeader.getTimestamp().getSeconds(),
                channelHeader.getTimestamp().getNanos());
        return new Parsed(bytes, envelope, payload, signatureHeader, time);
    }
}
