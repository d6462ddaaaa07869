package cn.landreserve.ledger;

/**
 * Where in a request's life the ledger failed or refused it, named after Fabric's transaction flow (fabric-gateway's
 * Endorse, Submit, CommitStatus and Commit exceptions); the embedded engine runs the same flow in-process.
 */
public enum LedgerPhase {
    /** Opening the ledger: its files, the client identity, the connection. */
    OPEN,
    /** Executing the contract on a proposal (Fabric: the endorsing peers); nothing was ordered. */
    ENDORSE,
    /** Handing the endorsed transaction to ordering (Fabric: the orderer; embedded: the block queue). */
    SUBMIT,
    /** Waiting to learn whether the transaction was committed. */
    COMMIT_STATUS,
    /** The transaction was committed as invalid, or its block could not be written. */
    COMMIT,
    /** A query: evidence, a block, the chain's height. */
    EVALUATE
}
