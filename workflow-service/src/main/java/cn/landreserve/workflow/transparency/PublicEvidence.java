package cn.landreserve.workflow.transparency;

import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.workflow.ledger.LedgerReads.Anchored;
import java.time.Instant;

/**
 * A published piece of evidence as the ledger holds it: digests and where it is anchored; for decisions which task
 * decided (e.g. Task_ReviewFinance) and the outcome, never who or why; for the project's facts their version.
 */
record PublicEvidence(String evidenceId, String kind, String stage, String documentType, Integer version,
        String sha256, String sm3, String elementId, String outcome, String root, Instant at, Instant anchoredAt,
        String txId, Long blockNumber) {

    static PublicEvidence of(Anchored a) {
        Instant anchoredAt = Instant.parse(a.entry().evidence().anchoredAt());
        String tx = a.entry().txId();
        Object record = a.entry().record();
        if (record instanceof DocumentRecord d) {
            return new PublicEvidence(d.evidenceId(), "DOCUMENT", d.stage(), d.documentType(), d.version(), d.sha256(),
                    d.sm3(), null, null, null, Instant.parse(d.uploadedAt()), anchoredAt, tx, a.blockNumber());
        }
        if (record instanceof DecisionRecord d) {
            return new PublicEvidence(d.evidenceId(), "DECISION", d.stage(), null, null, null, null, d.elementId(),
                    d.outcome(), null, Instant.parse(d.decidedAt()), anchoredAt, tx, a.blockNumber());
        }
        if (record instanceof ProjectRecord p) {
            return new PublicEvidence(p.evidenceId(), "PROJECT", null, null, p.version(), null, null, null, null, null,
                    Instant.parse(p.recordedAt()), anchoredAt, tx, a.blockNumber());
        }
        if (record instanceof SealRecord s) {
            return new PublicEvidence(s.evidenceId(), "SEAL", null, null, null, null, null, null, null, s.root(),
                    Instant.parse(s.sealedAt()), anchoredAt, tx, a.blockNumber());
        }
        throw new IllegalArgumentException("not public evidence: " + a.entry().kind());
    }
}
