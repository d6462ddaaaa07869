package cn.landreserve.ledger.embedded;

import cn.landreserve.ledger.LedgerUnavailableException;

/** The stored chain is broken; the ledger refuses to start. Names the first bad block. */
public final class CorruptChainException extends LedgerUnavailableException {
    private static final long serialVersionUID = 1L;
    private final long blockNumber;

    /** Block {@code blockNumber} failed for {@code reason}. */
    public CorruptChainException(long blockNumber, String reason) {
        super("block " + blockNumber + ": " + reason);
        this.blockNumber = blockNumber;
    }

    /** The first bad block. */
    public long blockNumber() {
        return blockNumber;
    }
}
