package cn.landreserve.workflow.support;

import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.BatchAnchoring;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerHealth;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.receipt.Receipt;
import java.util.List;
import java.util.Optional;

/** The real ledger behind a switch: off, every call fails as an unreachable ledger would. For outage tests. */
public final class SwitchableLedger implements EvidenceLedger {

    private final EvidenceLedger real;
    private volatile boolean reachable = true;

    public SwitchableLedger(EvidenceLedger real) {
        this.real = real;
    }

    public void reachable(boolean reachable) {
        this.reachable = reachable;
    }

    private void check() throws LedgerUnavailableException {
        if (!reachable) {
            throw new LedgerUnavailableException(LedgerPhase.ENDORSE, "ledger unreachable (switched off by the test)");
        }
    }

    @Override
    public Anchoring anchorDocument(DocumentRecord record) throws LedgerRejectedException, LedgerUnavailableException {
        check();
        sent(List.of(record));
        return real.anchorDocument(record);
    }

    @Override
    public Anchoring anchorDecision(DecisionRecord record) throws LedgerRejectedException, LedgerUnavailableException {
        check();
        sent(List.of(record));
        return real.anchorDecision(record);
    }

    @Override
    public Anchoring anchorProject(ProjectRecord record) throws LedgerRejectedException, LedgerUnavailableException {
        check();
        sent(List.of(record));
        return real.anchorProject(record);
    }

    @Override
    public Optional<LedgerEntry> projectFacts(String projectId) throws LedgerUnavailableException {
        check();
        return real.projectFacts(projectId);
    }

    @Override
    public long blockOf(LedgerEntry entry) throws LedgerUnavailableException {
        check();
        return real.blockOf(entry);
    }

    @Override
    public List<Anchoring> anchorGroup(List<? extends cn.landreserve.chaincode.EvidenceRecord> records)
            throws LedgerRejectedException, LedgerUnavailableException {
        check();
        sent(records);
        return real.anchorGroup(records);
    }

    private final java.util.Map<String, Integer> sent = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.time.Duration writeDelay = java.time.Duration.ZERO;

    /** How many times a record was sent to the ledger in a write (any of anchorDocument/Decision/Project/Group). */
    public int timesSent(String evidenceId) {
        return sent.getOrDefault(evidenceId, 0);
    }

    /** Makes every write wait this long before it reaches the ledger (so that concurrent workers overlap). */
    public void slowWrites(java.time.Duration delay) {
        writeDelay = delay;
    }

    private void sent(List<? extends cn.landreserve.chaincode.EvidenceRecord> records) throws LedgerUnavailableException {
        records.forEach(r -> sent.merge(r.evidenceId(), 1, Integer::sum));
        try {
            Thread.sleep(writeDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException(LedgerPhase.SUBMIT, "interrupted", e);
        }
    }

    @Override
    public BatchAnchoring anchorBatch(String projectId, String batchId, List<String> digests)
            throws LedgerRejectedException, LedgerUnavailableException {
        check();
        return real.anchorBatch(projectId, batchId, digests);
    }

    @Override
    public Anchoring seal(String projectId, String sealedAt) throws LedgerRejectedException, LedgerUnavailableException {
        check();
        return real.seal(projectId, sealedAt);
    }

    @Override
    public Optional<LedgerEntry> findById(String evidenceId) throws LedgerUnavailableException {
        check();
        return real.findById(evidenceId);
    }

    @Override
    public List<LedgerEntry> findByDigest(String hexDigest) throws LedgerUnavailableException {
        check();
        return real.findByDigest(hexDigest);
    }

    @Override
    public Optional<LedgerEntry> findInBatch(String batchId, String hexDigest) throws LedgerUnavailableException {
        check();
        return real.findInBatch(batchId, hexDigest);
    }

    @Override
    public List<LedgerEntry> listByProject(String projectId) throws LedgerUnavailableException {
        check();
        return real.listByProject(projectId);
    }

    @Override
    public String trustBundlePem() {
        return real.trustBundlePem();
    }

    @Override
    public Receipt receipt(String evidenceId) throws LedgerRejectedException, LedgerUnavailableException {
        check();
        return real.receipt(evidenceId);
    }

    @Override
    public Receipt receipt(String batchId, int leafIndex) throws LedgerRejectedException, LedgerUnavailableException {
        check();
        return real.receipt(batchId, leafIndex);
    }

    /** Makes health report DEGRADED for these unreachable organisations (none: the real health again). */
    public void unreachableOrganisations(List<String> mspIds) {
        this.unreachableOrganisations = List.copyOf(mspIds);
    }

    private volatile List<String> unreachableOrganisations = List.of();

    @Override
    public LedgerHealth health() {
        LedgerHealth health = real.health();
        if (reachable && !unreachableOrganisations.isEmpty()) {
            return LedgerHealth.degraded(health.engine(), health.height(), health.lastHeaderHash(),
                    unreachableOrganisations, "no endorsement possible without " + unreachableOrganisations);
        }
        return reachable ? health
                : new LedgerHealth(false, health.engine(), health.height(), health.lastHeaderHash(), "switched off by the test");
    }

    @Override
    public void close() {
        // the real ledger is closed by its own bean
    }
}
