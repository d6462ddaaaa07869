package cn.landreserve.ledger.fabric;

import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerUnavailableException;
import java.util.List;

/**
 * A Fabric transaction or query that failed for a technical reason, after the retries that are safe: besides the
 * phase, transaction id and status of every ledger failure, what each peer reported (the gateway's error details).
 */
public final class FabricTransactionException extends LedgerUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * What one peer reported.
     *
     * @param mspId the peer's organisation
     * @param address the peer's address
     * @param message the peer's message
     */
    public record PeerFailure(String mspId, String address, String message) {
    }

    private final transient List<PeerFailure> peerFailures;

    FabricTransactionException(String txId, LedgerPhase phase, String status, List<PeerFailure> peerFailures,
            String message, Throwable cause) {
        super(phase, txId, status, message, cause);
        this.peerFailures = List.copyOf(peerFailures);
    }

    /** What each peer reported, when the gateway said. */
    public List<PeerFailure> peerFailures() {
        return peerFailures;
    }
}
