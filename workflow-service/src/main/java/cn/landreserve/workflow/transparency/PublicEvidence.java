package cn.landreserve.workflow.transparency;

import java.time.Instant;

/** A published piece of evidence: digests and where it is anchored; for decisions only the stage and outcome. */
record PublicEvidence(String evidenceId, String kind, String stage, String documentType, Integer version,
        String sha256, String sm3, String outcome, Instant at, Instant anchoredAt, String txId, Long blockNumber) {}
