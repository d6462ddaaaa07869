package cn.landreserve.workflow.ledger;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a damaged embedded ledger into Spring Boot's short "APPLICATION FAILED TO START" report. The advice keeps
 * the evidence where it is: never another data directory or a deleted ledger, which would start an empty one.
 */
class DamagedLedgerFailureAnalyzer extends AbstractFailureAnalyzer<DamagedLedgerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DamagedLedgerException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Leave " + cause.ledgerDir() + " as it is and investigate block " + cause.blockNumber()
                        + ": restore the ledger directory from a backup that holds every acknowledged block, or hand"
                        + " it to the auditors as it is. Do not delete or move it, and do not start the service with"
                        + " another data directory: either would start an empty ledger beside the evidence that the"
                        + " database and the auditors' receipts refer to.",
                cause);
    }
}
