package cn.landreserve.workflow.kernel;

import java.time.Instant;

/** Where on the ledger a piece of evidence was anchored. */
public record Anchor(String txId, long blockNumber, Instant anchoredAt) {}
