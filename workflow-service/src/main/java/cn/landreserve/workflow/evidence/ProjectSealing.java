package cn.landreserve.workflow.evidence;

import cn.landreserve.chaincode.EvidenceKind;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.project.ProjectStateException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Archive (归档): anchors anything still pending, seals the project on the ledger with one root over all of its
 * evidence, keeps the manifest of what the seal covers, and marks the project ARCHIVED. Safe to run again:
 * a seal already on the ledger is taken as it is.
 */
@Service
public class ProjectSealing {

    private final EvidenceAnchoring anchoring;
    private final EvidenceLedger ledger;
    private final ProjectService projects;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ProjectSealing(EvidenceAnchoring anchoring, EvidenceLedger ledger, ProjectService projects, JdbcClient jdbc,
            ObjectMapper json, Clock clock) {
        this.anchoring = anchoring;
        this.ledger = ledger;
        this.projects = projects;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public SealRecord seal(ProjectId projectId)
            throws LedgerUnavailableException, LedgerRejectedException, ProjectStateException {
        anchoring.anchorPending(projectId);
        Optional<LedgerEntry> existing = ledger.findById(SealRecord.idFor(projectId.value()));
        LedgerEntry sealEntry = existing.isPresent() ? existing.get() : anchorSeal(projectId.value());
        SealRecord seal = (SealRecord) sealEntry.record();
        List<LedgerEntry> covered = ledger.listByProject(projectId.value()).stream()
                .filter(e -> e.kind() != EvidenceKind.SEAL).toList();
        jdbc.sql("""
                insert into reserve.seal(project_id, evidence_id, root, evidence_count, manifest, tx_id, block_number, sealed_at)
                values (:p, :id, :root, :count, :manifest, :tx, :block, :at) on conflict (project_id) do nothing""")
                .param("p", projectId.value()).param("id", seal.evidenceId()).param("root", seal.root())
                .param("count", seal.evidenceCount()).param("manifest", manifest(seal, covered))
                .param("tx", sealEntry.txId()).param("block", blockOf(seal.evidenceId()))
                .param("at", Timestamp.from(Instant.parse(seal.sealedAt())))
                .update();
        projects.archive(projectId);
        return seal;
    }

    private LedgerEntry anchorSeal(String projectId) throws LedgerUnavailableException, LedgerRejectedException {
        String txId = ledger.seal(projectId, clock.instant().toString()).txId();
        return ledger.findById(SealRecord.idFor(projectId)).orElseThrow(() -> new LedgerUnavailableException(
                LedgerPhase.EVALUATE, txId, null, "the seal of " + projectId + " was anchored but cannot be read back",
                null));
    }

    private long blockOf(String evidenceId) throws LedgerUnavailableException, LedgerRejectedException {
        return ledger.receipt(evidenceId).transaction().blockNumber();
    }

    /**
     * The evidence package's manifest: every record the seal covers, in ledger order, with its digests. The same
     * ledger entries always give the same text, so an audit can rebuild it and compare.
     */
    public String manifest(SealRecord seal, List<LedgerEntry> covered) {
        ObjectNode root = json.createObjectNode();
        root.put("format", "landreserve-evidence-manifest/1");
        root.put("projectId", seal.projectId());
        root.put("sealEvidenceId", seal.evidenceId());
        root.put("root", seal.root());
        root.put("evidenceCount", seal.evidenceCount());
        root.put("sealedAt", seal.sealedAt());
        ArrayNode items = root.putArray("evidence");
        long sequence = 0;
        for (LedgerEntry entry : covered) {
            ObjectNode item = items.addObject();
            item.put("sequence", ++sequence);
            item.put("evidenceId", entry.evidenceId());
            item.put("kind", entry.kind().name());
            item.put("txId", entry.txId());
            item.set("record", json.valueToTree(entry.record()));
        }
        return root.toString();
    }

    public Optional<String> manifestOf(ProjectId projectId) {
        return jdbc.sql("select manifest from reserve.seal where project_id = :p").param("p", projectId.value())
                .query(String.class).optional();
    }
}
