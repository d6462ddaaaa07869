package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * {@link Check#HEADER_HASH}: SHA-256 of the DER header (number, previous hash, data hash) is the header hash the
 * next block links to.
 */
final class HeaderHashCheck {
    private HeaderHashCheck() {
    }

    /** The header, for the block signatures. */
    static BlockHeader verify(Receipt.BlockPart block) throws CheckFailure {
        BlockHeader header = BlockHeader.newBuilder().setNumber(block.number())
                .setPreviousHash(ByteString.copyFrom(Decoding.hex(Check.HEADER_HASH, block.previousHash(),
                        "previousHash")))
                .setDataHash(ByteString.copyFrom(Decoding.hex(Check.HEADER_HASH, block.dataHash(), "dataHash")))
                .build();
        String headerHash = HexFormat.of().formatHex(FabricBlocks.headerHash(header));
        require(Check.HEADER_HASH, headerHash.equals(block.headerHash()),
                "block " + block.number() + " header hash is " + headerHash + ", receipt says " + block.headerHash());
        return header;
    }
}
