package cn.landreserve.ledger.receipt;

import static cn.landreserve.ledger.receipt.CheckFailure.require;

import java.util.Arrays;

/**
 * {@link Check#TRANSACTION_IN_BLOCK}: the block holds this envelope at the stated index; then
 * {@link Check#VALIDATION_CODE}: the committing peer marked it valid.
 */
final class TransactionInBlockCheck {
    private TransactionInBlockCheck() {
    }

    static void verify(Receipt r, byte[] envelopeBytes) throws CheckFailure {
        Receipt.BlockPart block = r.block();
        require(Check.TRANSACTION_IN_BLOCK, r.transaction().blockNumber() == block.number(),
                "transaction says block " + r.transaction().blockNumber() + ", block is " + block.number());
        int index = r.transaction().index();
        require(Check.TRANSACTION_IN_BLOCK, index >= 0 && index < block.envelopes().size(),
                "index " + index + " is outside a block of " + block.envelopes().size() + " transactions");
        byte[] atIndex = Decoding.base64(Check.TRANSACTION_IN_BLOCK, block.envelopes().get(index),
                "block envelope " + index);
        require(Check.TRANSACTION_IN_BLOCK, Arrays.equals(atIndex, envelopeBytes),
                "block " + block.number() + " holds a different transaction at index " + index);
        require(Check.VALIDATION_CODE, "VALID".equals(r.transaction().validationCode()),
                "the transaction is marked " + r.transaction().validationCode());
    }
}
