package cn.landreserve.workflow.transparency;

import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.workflow.ledger.LedgerReads.Anchored;
import java.time.Instant;

/**
 * The data of a printable certificate for one piece of published evidence (a document, a decision, a version of
 * the project's facts, the seal), every field read from the ledger, and where its QR code points.
 */
record Certificate(String evidenceId, String kind, String projectId, String projectCode, String projectName,
        String stage, String documentType, Integer version, String sha256, String sm3, String elementId,
        String outcome, String root, Long evidenceCount, Instant anchoredAt, String txId, Long blockNumber,
        String verifyUrl) {

    static Certificate of(Anchored a, ProjectRecord project, String verifyUrl) {
        PublicEvidence e = PublicEvidence.of(a);
        Long count = a.entry().record() instanceof SealRecord s ? s.evidenceCount() : null;
        return new Certificate(e.evidenceId(), e.kind(), project.projectId(), project.code(), project.name(),
                e.stage(), e.documentType(), e.version(), e.sha256(), e.sm3(), e.elementId(), e.outcome(), e.root(),
                count, e.anchoredAt(), e.txId(), e.blockNumber(), verifyUrl);
    }
}
