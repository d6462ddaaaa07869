package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** {@link Check#DATA_HASH}: SHA-256 over the block's envelopes is the header's data hash. */
final class DataHashCheck {
    private DataHashCheck() {
    }

    static void verify(Receipt.BlockPart block) throws CheckFailure {
        List<ByteString> envelopes = new ArrayList<>(block.envelopes().size());
        for (int i = 0; i < block.envelopes().size(); i++) {
            envelopes.add(ByteString.copyFrom(Decoding.base64(Check.DATA_HASH, block.envelopes().get(i),
                    "envelope " + i)));
        }
        String dataHash = HexFormat.of().formatHex(FabricBlocks.dataHash(envelopes));
        require(Check.DATA_HASH, dataHash.equals(block.dataHash()),
                "block " + block.number() + " data hash is " + dataHash + ", receipt says " + block.dataHash());
    }
}
