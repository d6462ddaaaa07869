package cn.landreserve.workflow.transparency;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;
import static cn.landreserve.workflow.kernel.Refusal.NOT_FOUND;
import static cn.landreserve.workflow.kernel.Refusal.UNAVAILABLE;

import cn.landreserve.chaincode.Classification;
import cn.landreserve.chaincode.DecisionRecord;
import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.chaincode.EvidenceRecord;
import cn.landreserve.chaincode.ProjectRecord;
import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.EvidenceId;
import cn.landreserve.workflow.kernel.ProjectId;
import cn.landreserve.workflow.kernel.TextRules;
import cn.landreserve.workflow.ledger.LedgerReads;
import cn.landreserve.workflow.ledger.LedgerReads.Anchored;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The public's view, answered by the ledger: a project is public when its latest anchored facts say it is
 * published; a document when its anchored record says PUBLIC; every digest, classification, transaction and block
 * comes from the ledger. The database only finds candidate projects for a search and supplies nothing the ledger
 * holds. What the ledger does not hold is never verified.
 */
@Service
class Transparency {

    static final Pattern HEX256 = Pattern.compile("[0-9a-fA-F]{64}");
    static final int MAX_QUERY = 100;

    private final ProjectRepository projects;
    private final LedgerReads ledger;

    Transparency(ProjectRepository projects, LedgerReads ledger) {
        this.projects = projects;
        this.ledger = ledger;
    }

    /** A digest to look up: exactly one of SHA-256 and SM3. */
    record DigestQuery(String algorithm, String hex) {

        static DigestQuery of(String sha256, String sm3) throws DomainException {
            if ((sha256 == null) == (sm3 == null)) {
                throw new DomainException(INVALID, "INVALID_DIGEST",
                        "give exactly one of sha256 and sm3, each 64 hexadecimal characters");
            }
            String algorithm = sha256 != null ? "sha256" : "sm3";
            String hex = sha256 != null ? sha256 : sm3;
            if (!HEX256.matcher(hex).matches()) {
                throw new DomainException(INVALID, "INVALID_DIGEST", algorithm
                        + " must be 64 hexadecimal characters", Map.of("given", hex.length() > 80 ? hex.substring(0, 80) + "…" : hex));
            }
            return new DigestQuery(algorithm, hex.toLowerCase(Locale.ROOT));
        }

        boolean matches(DocumentRecord d) {
            return hex.equals("sha256".equals(algorithm) ? d.sha256() : d.sm3());
        }
    }

    List<PublicProject> search(String query, int limit, int offset) throws DomainException {
        if (query != null && (query.length() > MAX_QUERY || !TextRules.clean(query))) {
            throw new DomainException(INVALID, "INVALID_QUERY",
                    "a search text has at most " + MAX_QUERY + " characters and no control characters");
        }
        List<PublicProject> out = new ArrayList<>();
        for (Project candidate : projects.searchPublished(query, Math.max(1, Math.min(limit, 100)), Math.max(0, offset))) {
            Optional<ProjectRecord> facts = read(() -> ledger.projectFacts(candidate.id()));
            if (facts.isPresent() && facts.get().published()) {
                out.add(PublicProject.of(facts.get(), candidate));
            }
        }
        return out;
    }

    /** The project's published facts as anchored, or 404 when the ledger does not say it is published. */
    PublicProject published(String projectId) throws DomainException {
        Optional<ProjectRecord> facts = ProjectId.isValid(projectId) ? read(() -> ledger.projectFacts(new ProjectId(projectId))) : Optional.empty();
        if (facts.isEmpty() || !facts.get().published()) {
            throw new DomainException(NOT_FOUND, "PROJECT_NOT_FOUND", "no published project " + projectId);
        }
        return PublicProject.of(facts.get(), projects.find(projectId).orElse(null));
    }

    /** The project's public evidence in ledger order: its facts, decisions, PUBLIC documents and seal. */
    List<PublicEvidence> evidence(PublicProject project) throws DomainException {
        List<PublicEvidence> items = new ArrayList<>();
        for (Anchored a : read(() -> ledger.byProject(new ProjectId(project.id())))) {
            if (visible(a.entry().record())) {
                items.add(PublicEvidence.of(a));
            }
        }
        return items;
    }

    /** Published, anchored PUBLIC documents with this digest. */
    List<Certificate> verify(DigestQuery digest, String baseUrl) throws DomainException {
        List<Certificate> matches = new ArrayList<>();
        for (Anchored a : read(() -> ledger.byDigest(digest.hex()))) {
            if (a.entry().record() instanceof DocumentRecord d && digest.matches(d) && visible(d)) {
                certificate(a, baseUrl).ifPresent(matches::add);
            }
        }
        return matches;
    }

    Certificate certificate(String evidenceId, String baseUrl) throws DomainException {
        Optional<Anchored> anchored = EvidenceId.isValid(evidenceId)
                ? read(() -> ledger.byId(new EvidenceId(evidenceId))) : Optional.empty();
        Optional<Certificate> certificate = anchored.isPresent() && visible(anchored.get().entry().record())
                ? certificate(anchored.get(), baseUrl) : Optional.empty();
        return certificate.orElseThrow(() -> new DomainException(NOT_FOUND, "EVIDENCE_NOT_FOUND",
                "no published evidence " + evidenceId));
    }

    private Optional<Certificate> certificate(Anchored a, String baseUrl) throws DomainException {
        EvidenceRecord record = a.entry().record();
        Optional<ProjectRecord> facts = read(() -> ledger.projectFacts(new ProjectId(record.projectId())));
        if (facts.isEmpty() || !facts.get().published()) {
            return Optional.empty();
        }
        return Optional.of(Certificate.of(a, facts.get(), baseUrl + "/#/certificate/" + record.evidenceId()));
    }

    /** What the public may see of a published project's evidence: never a batch, never a non-PUBLIC document. */
    private static boolean visible(EvidenceRecord record) {
        if (record instanceof DocumentRecord d) {
            return d.classification() == Classification.PUBLIC;
        }
        return record instanceof DecisionRecord || record instanceof ProjectRecord || record instanceof SealRecord;
    }

    private interface LedgerRead<T> {
        T get() throws LedgerUnavailableException;
    }

    private static <T> T read(LedgerRead<T> read) throws DomainException {
        try {
            return read.get();
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE",
                    "the ledger cannot be asked now; nothing is verified without it");
        }
    }
}
