package cn.landreserve.workflow.transparency;

import static cn.landreserve.workflow.web.Rejection.INVALID;
import static cn.landreserve.workflow.web.Rejection.NOT_FOUND;

import cn.landreserve.workflow.document.Classification;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.evidence.AnchorState;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.task.Decision;
import cn.landreserve.workflow.task.DecisionRepository;
import cn.landreserve.workflow.web.RequestRejectedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** The public's view: only published projects, only PUBLIC documents, only anchored evidence. */
@Service
class Transparency {

    static final Pattern HEX256 = Pattern.compile("[0-9a-fA-F]{64}");
    static final int MAX_QUERY = 100;

    private final ProjectRepository projects;
    private final DocumentRepository documents;
    private final DecisionRepository decisions;

    Transparency(ProjectRepository projects, DocumentRepository documents, DecisionRepository decisions) {
        this.projects = projects;
        this.documents = documents;
        this.decisions = decisions;
    }

    List<PublicProject> search(String query, int limit, int offset) throws RequestRejectedException {
        if (query != null && (query.length() > MAX_QUERY || !cn.landreserve.workflow.web.TextRules.clean(query))) {
            throw new RequestRejectedException(INVALID, "INVALID_QUERY",
                    "a search text has at most " + MAX_QUERY + " characters and no control characters");
        }
        return projects.searchPublished(query, Math.max(1, Math.min(limit, 100)), Math.max(0, offset)).stream()
                .map(PublicProject::of).toList();
    }

    Project published(String projectId) throws RequestRejectedException {
        return projects.find(projectId).filter(Project::published).orElseThrow(() -> new RequestRejectedException(
                NOT_FOUND, "PROJECT_NOT_FOUND", "no published project " + projectId));
    }

    List<PublicEvidence> evidence(Project project) {
        List<PublicEvidence> items = new ArrayList<>();
        for (Document d : documents.ofProject(project.id().value())) {
            if (visible(d)) {
                items.add(new PublicEvidence(d.id(), "DOCUMENT", d.stage(), d.documentType(), d.version(),
                        d.file().sha256(), d.file().sm3(), null, null, d.uploadedAt(), d.anchor().anchoredAt(),
                        d.anchor().txId(), d.anchor().blockNumber()));
            }
        }
        for (Decision d : decisions.ofProject(project.id().value())) {
            if (d.anchorState() == AnchorState.ANCHORED) {
                items.add(new PublicEvidence(d.id(), "DECISION", d.stage(), null, null, null, null, d.elementId(), d.outcome(),
                        d.decidedAt(), d.anchor().anchoredAt(), d.anchor().txId(), d.anchor().blockNumber()));
            }
        }
        items.sort(Comparator.comparing(PublicEvidence::at).thenComparing(PublicEvidence::evidenceId));
        return items;
    }

    /** Published, anchored PUBLIC documents with this SHA-256. */
    List<Certificate> verify(String sha256, String baseUrl) throws RequestRejectedException {
        if (sha256 == null || !HEX256.matcher(sha256).matches()) {
            throw new RequestRejectedException(INVALID, "INVALID_DIGEST", "sha256 must be 64 hexadecimal characters",
                    Map.of("given", sha256 == null ? "" : sha256.length() > 80 ? sha256.substring(0, 80) + "…" : sha256));
        }
        List<Certificate> matches = new ArrayList<>();
        for (Document d : documents.bySha256(sha256.toLowerCase(Locale.ROOT))) {
            Optional<Project> project = projects.find(d.projectId()).filter(Project::published);
            if (project.isPresent() && visible(d)) {
                matches.add(certificate(d, project.get(), baseUrl));
            }
        }
        return matches;
    }

    Certificate certificate(String evidenceId, String baseUrl) throws RequestRejectedException {
        Optional<Document> document = documents.find(evidenceId).filter(Transparency::visible);
        Optional<Project> project = document.flatMap(d -> projects.find(d.projectId())).filter(Project::published);
        if (project.isEmpty()) {
            throw new RequestRejectedException(NOT_FOUND, "EVIDENCE_NOT_FOUND", "no published evidence " + evidenceId);
        }
        return certificate(document.get(), project.get(), baseUrl);
    }

    private static Certificate certificate(Document d, Project p, String baseUrl) {
        return new Certificate(d.id(), p.id().value(), p.code(), p.name(), d.stage(), d.documentType(), d.version(),
                d.file().sha256(), d.file().sm3(), d.anchor().anchoredAt(), d.anchor().txId(), d.anchor().blockNumber(),
                baseUrl + "/#/certificate/" + d.id());
    }

    private static boolean visible(Document d) {
        return d.classification() == Classification.PUBLIC && d.anchorState() == AnchorState.ANCHORED;
    }
}
