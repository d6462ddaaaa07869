package cn.landreserve.ledger.fabric;

import cn.landreserve.ledger.LedgerUnavailableException;
import java.util.List;

/**
 * A Fabric transaction or query that failed for a technical reason, after the retries that are safe: which
 * transaction, in which phase, with which status, and what each peer reported. Callers decide on these fields;
 * the message is for people.
 */
public final class FabricTransactionException extends LedgerUnavailableException {
    private static final long serialVersionUID = 1L;

    /** Where in a transaction's life it failed. */
    public enum Phase {
        /** Collecting the endorsements the policy requires (nothing was ordered). */
        ENDORSE,
        /** Sending the endorsed transaction to the orderer. */
        SUBMIT,
        /** Waiting for the transaction's commit status. */
        COMMIT_STATUS,
        /** The transaction was committed, but marked invalid. */
        COMMIT,
        /** A query on one peer. */
        EVALUATE
    }

    /**
     * What one peer reported.
     *
     * @param mspId the peer's organisation
     * @param address the peer's address
     * @param message the peer's message
     */
    public record PeerFailure(String mspId, String address, String message) {
    }

    private final String txId;
    private final Phase phase;
    private final String status;
    private final transient List<PeerFailure> peerFailures;

    FabricTransactionException(String txId, Phase phase, String status, List<PeerFailure> peerFailures,
            String message, Throwable cause) {
        super(message, cause);
        this.txId = txId;
        this.phase = phase;
        this.status = status;
        this.peerFailures = List.copyOf(peerFailures);
    }

    /** The id of the transaction (for a transaction executed several times, of the last execution). */
    public String txId() {
        return txId;
    }

    /** The phase that failed. */
    public Phase phase() {
        return phase;
    }

    /** The gRPC status code name (ENDORSE, SUBMIT, COMMIT_STATUS, EVALUATE) or the validation code (COMMIT). */
    public String status() {
        return status;
    }

    /** What each peer reported, when the gateway said. */
    public List<PeerFailure> peerFailures() {
        return peerFailures;
    }
}
