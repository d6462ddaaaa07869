package cn.landreserve.ledger.embedded;

import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerUnavailableException;

/**
 * The stored chain is broken; the ledger refuses to start. Names the first bad block: a block that is
 * damaged, does not chain, or was acknowledged to its callers and is now cut short or missing.
 */
public final class CorruptChainException extends LedgerUnavailableException {
    private static final long serialVersionUID = 1L;
    private final long blockNumber;
    private final String reason;

    /** Block {@code blockNumber} failed for {@code reason}. */
    public CorruptChainException(long blockNumber, String reason) {
        super(LedgerPhase.OPEN, "block " + blockNumber + ": " + reason + "; the ledger's chain is damaged or was tampered with");
        this.blockNumber = blockNumber;
        this.reason = reason;
    }

    /** The first bad block. */
    public long blockNumber() {
        return blockNumber;
    }

    /** What is wrong with the block. */
    public String reason() {
        return reason;
    }
}
