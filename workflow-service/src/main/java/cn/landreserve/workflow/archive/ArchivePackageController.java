package cn.landreserve.workflow.archive;

import static cn.landreserve.workflow.kernel.Refusal.CONFLICT;
import static cn.landreserve.workflow.kernel.Refusal.UNAVAILABLE;

import cn.landreserve.chaincode.SealRecord;
import cn.landreserve.documents.DocumentStore;
import cn.landreserve.documents.DocumentStoreException;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.archive.FourPropertiesReport;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.project.ProjectStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The archive package for auditors: the ZIP as kept in the object store, its 四性检测 report (JSON, and the printable
 * zh-CN page), and the certificate of the time-stamping authority to pin with {@code verify-package --tsa}.
 */
@RestController
@RequestMapping("/api/audit")
class ArchivePackageController {

    static final String ZIP = "application/zip";
    static final String PEM = "application/x-pem-file";

    private final ArchivePackages packages;
    private final ProjectService projects;
    private final DocumentStore store;
    private final EvidenceLedger ledger;
    private final TrustedTime trustedTime;
    private final ObjectMapper json;

    ArchivePackageController(ArchivePackages packages, ProjectService projects, DocumentStore store,
            EvidenceLedger ledger, TrustedTime trustedTime, ObjectMapper json) {
        this.packages = packages;
        this.projects = projects;
        this.store = store;
        this.ledger = ledger;
        this.trustedTime = trustedTime;
        this.json = json;
    }

    @GetMapping(path = "/projects/{projectId}/archive-package", produces = ZIP)
    ResponseEntity<StreamingResponseBody> download(@PathVariable String projectId) throws DomainException {
        Project project = projects.require(projectId);
        ArchivePackage p = require(project);
        InputStream in;
        try {
            in = store.get(p.objectKey());
        } catch (DocumentStoreException e) {
            throw new DomainException(UNAVAILABLE, "STORE_UNAVAILABLE", "the object store cannot give the"
                    + " archive package now", Map.of("projectId", projectId));
        }
        StreamingResponseBody body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ZIP)).contentLength(p.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + project.code()
                        + "-archive-package.zip\"")
                .header("X-Package-SHA256", p.sha256())
                .body(body);
    }

    @GetMapping(path = "/projects/{projectId}/archive-package/report", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> report(@PathVariable String projectId) throws DomainException {
        Project project = projects.require(projectId);
        ArchivePackage p = require(project);
        ObjectNode out = json.createObjectNode();
        out.put("projectId", p.projectId());
        out.put("projectCode", project.code());
        out.put("size", p.size());
        out.put("sha256", p.sha256());
        out.put("sm3", p.sm3());
        out.put("manifestSha256", p.manifestSha256());
        out.put("timeSource", p.timeSource());
        out.put("tsa", p.tsa());
        out.put("manifestStampedAt", p.manifestStampedAt().toString());
        out.put("builtAt", p.builtAt().toString());
        out.put("verdict", p.verdict());
        try {
            out.set("report", json.readTree(p.report()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the kept report of " + projectId + " is not JSON", e);
        }
        return ResponseEntity.ok(out);
    }

    @GetMapping(path = "/projects/{projectId}/archive-package/report/page", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String projectId) throws DomainException {
        Project project = projects.require(projectId);
        ArchivePackage p = require(project);
        SealRecord seal;
        try {
            seal = (SealRecord) ledger.findById(SealRecord.idFor(projectId)).map(LedgerEntry::record).orElseThrow(
                    () -> new IllegalStateException("a package is kept for " + projectId + " but the ledger has no seal"));
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE", "the ledger cannot be asked now");
        }
        FourPropertiesReport report;
        try {
            report = FourPropertiesReport.parse(p.report());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the kept report of " + projectId + " is not readable", e);
        }
        TrustedTime.Stamp stamp = new TrustedTime.Stamp(new byte[0], "LOCAL".equals(p.timeSource()), p.tsa(), p.tsa(),
                p.manifestStampedAt());
        return ResponseEntity.ok().header("Content-Security-Policy", ReportPage.CSP)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(ReportPage.render(project, seal, report, stamp));
    }

    /** The TSA certificates tokens are checked against: the local authority's, or those configured. */
    @GetMapping(path = "/tsa-certificate", produces = PEM)
    ResponseEntity<String> tsaCertificate() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(PEM))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tsa-certificate.pem\"")
                .body(trustedTime.certificatesPem());
    }

    private ArchivePackage require(Project project) throws DomainException {
        String id = project.id().value();
        if (project.status() != ProjectStatus.ARCHIVED) {
            throw new DomainException(CONFLICT, "NOT_ARCHIVED", "project " + project.code()
                    + " is not archived: its package is built when it is sealed", Map.of("projectId", id));
        }
        return packages.find(id).orElseThrow(() -> new DomainException(CONFLICT, "ARCHIVE_PACKAGE_PENDING",
                "project " + project.code() + " is sealed; its archive package is being built (an incident for"
                        + " operators if it cannot be)", Map.of("projectId", id)));
    }
}
