package cn.landreserve.workflow.evidence;

import static cn.landreserve.workflow.kernel.Refusal.CONFLICT;
import static cn.landreserve.workflow.kernel.Refusal.FORBIDDEN;
import static cn.landreserve.workflow.kernel.Refusal.NOT_FOUND;
import static cn.landreserve.workflow.kernel.Refusal.UNAVAILABLE;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerRejectedException;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.receipt.Receipt;
import cn.landreserve.workflow.document.Classification;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.CurrentActor;
import cn.landreserve.workflow.security.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Receipts an auditor takes away and checks offline ({@code java -jar receipt-verifier.jar --receipt r.json --ca
 * trust-bundle.pem}), and the trust bundle itself: every CA certificate the receipts' signers chain to.
 */
@RestController
class ReceiptController {

    static final String PEM = "application/x-pem-file";
    static final String ZIP = "application/zip";
    static final String TRUST_BUNDLE = "trust-bundle.pem";

    private final EvidenceLedger ledger;
    private final DocumentRepository documents;
    private final ProjectService projects;
    private final ProjectSealing sealing;
    private final DocumentService documentService;
    private final CurrentActor currentActor;

    ReceiptController(EvidenceLedger ledger, DocumentRepository documents, DocumentService documentService,
            ProjectService projects, ProjectSealing sealing, CurrentActor currentActor) {
        this.documentService = documentService;
        this.ledger = ledger;
        this.documents = documents;
        this.projects = projects;
        this.sealing = sealing;
        this.currentActor = currentActor;
    }

    @GetMapping(path = "/api/evidence/{evidenceId}/receipt", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> receipt(@PathVariable String evidenceId) throws DomainException {
        Actor actor = currentActor.require();
        if (actor.role() == Role.OPERATOR) {
            throw new DomainException(FORBIDDEN, "ACCESS_DENIED", "operators do not read evidence");
        }
        var document = documents.find(evidenceId);
        if (document.isPresent()) {
            Classification classification = documentService.classificationOf(document.get());
            if (!documentService.mayRead(actor, document.get(), classification)) {
                throw new DomainException(FORBIDDEN, "CLASSIFIED", "evidence " + evidenceId + " is "
                        + classification + " and your role may not read it", Map.of("evidenceId", evidenceId));
            }
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(evidenceId) + "\"")
                .body(load(evidenceId).toJson());
    }

    /** The ledger's trust bundle (PEM), for auditors to pin: {@code receipt-verifier.jar --ca trust-bundle.pem}. */
    @GetMapping(path = "/api/audit/trust-bundle", produces = PEM)
    ResponseEntity<String> trustBundle() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(PEM))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + TRUST_BUNDLE + "\"")
                .body(ledger.trustBundlePem());
    }

    /**
     * Every receipt of a project, its sealed manifest and the ledger's trust bundle, as one zip (auditors only),
     * streamed: each receipt carries its whole block, so the bundle of a large project is not built in memory.
     */
    @GetMapping(path = "/api/audit/projects/{projectId}/receipts", produces = ZIP)
    ResponseEntity<StreamingResponseBody> bundle(@PathVariable String projectId) throws DomainException {
        Project project = projects.require(projectId);
        var entries = list(project.id().value());
        var manifest = sealing.manifestOf(project.id());
        String trustBundle = ledger.trustBundlePem();
        StreamingResponseBody body = out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                for (var entry : entries) {
                    zip.putNextEntry(new ZipEntry(fileName(entry.evidenceId())));
                    zip.write(receiptJson(entry.evidenceId()).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                if (manifest.isPresent()) {
                    zip.putNextEntry(new ZipEntry("manifest.json"));
                    zip.write(manifest.get().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(TRUST_BUNDLE));
                zip.write(trustBundle.getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(ZIP))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + project.code() + "-receipts.zip\"")
                .body(body);
    }

    /** For the streamed bundle, where a refusal can no longer change the status: the failure ends the download. */
    private String receiptJson(String evidenceId) throws IOException {
        try {
            return load(evidenceId).toJson();
        } catch (DomainException e) {
            throw new IOException("receipt " + evidenceId + ": " + e.getMessage(), e);
        }
    }

    private java.util.List<cn.landreserve.ledger.LedgerEntry> list(String projectId) throws DomainException {
        try {
            return ledger.listByProject(projectId);
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE", "the ledger cannot be asked now");
        }
    }

    private Receipt load(String evidenceId) throws DomainException {
        try {
            return ledger.receipt(evidenceId);
        } catch (LedgerRejectedException e) {
            if (documents.find(evidenceId).isPresent()) {
                throw new DomainException(CONFLICT, "NOT_ANCHORED", "document " + evidenceId
                        + " is not anchored on the ledger yet: its receipt exists once it is",
                        Map.of("evidenceId", evidenceId));
            }
            throw new DomainException(NOT_FOUND, "EVIDENCE_NOT_FOUND", "the ledger holds no evidence "
                    + evidenceId, Map.of("evidenceId", evidenceId));
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE", "the ledger cannot be asked now");
        }
    }

    private static String fileName(String evidenceId) {
        return evidenceId.replaceAll("[^A-Za-z0-9._-]", "_") + ".receipt.json";
    }

}
