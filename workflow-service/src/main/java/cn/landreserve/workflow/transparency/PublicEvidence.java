package cn.landreserve.workflow.transparency;

import java.time.Instant;

/**
 * A published piece of evidence: digests and where it is anchored; for decisions which task decided (e.g.
 * Task_ReviewFinance) and the outcome, never who or why.
 */
record PublicEvidence(String evidenceId, String kind, String stage, String documentType, Integer version,
        String sha256, String sm3, String elementId, String outcome, Instant at, Instant anchoredAt, String txId,
        Long blockNumber) {}
