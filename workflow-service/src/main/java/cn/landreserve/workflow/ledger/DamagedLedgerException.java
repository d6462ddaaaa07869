package cn.landreserve.workflow.ledger;

import cn.landreserve.ledger.embedded.CorruptChainException;
import java.nio.file.Path;

/**
 * The embedded ledger's stored chain is damaged or was tampered with: the service does not start. Not a setting to
 * change — any other data directory would start an empty ledger beside the evidence the database refers to.
 * Reported by {@link DamagedLedgerFailureAnalyzer}.
 */
public final class DamagedLedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path ledgerDir;
    private final long blockNumber;

    DamagedLedgerException(Path ledgerDir, CorruptChainException cause) {
        super("the embedded ledger in " + ledgerDir + " refuses to start: " + cause.getMessage(), cause);
        this.ledgerDir = ledgerDir;
        this.blockNumber = cause.blockNumber();
    }

    /** The ledger's directory. */
    public Path ledgerDir() {
        return ledgerDir;
    }

    /** The first bad block. */
    public long blockNumber() {
        return blockNumber;
    }
}
