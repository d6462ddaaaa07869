package cn.landreserve.workflow.audit;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;
import static cn.landreserve.workflow.kernel.Refusal.UNAVAILABLE;

import cn.landreserve.chaincode.DocumentRecord;
import cn.landreserve.documents.Digests;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.LedgerEntry;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.EvidenceId;
import cn.landreserve.workflow.ledger.LedgerReads;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.ProjectRepository;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.CurrentActor;
import cn.landreserve.workflow.web.MultipartForm;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The auditor's console API (role AUDITOR only, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final Auditor auditor;
    private final ProjectService projects;
    private final ProjectRepository projectRepository;
    private final DocumentService documentService;
    private final DocumentRepository documents;
    private final EvidenceLedger ledger;
    private final LedgerReads ledgerReads;
    private final CurrentActor currentActor;

    AuditController(Auditor auditor, ProjectService projects, ProjectRepository projectRepository,
            DocumentService documentService, DocumentRepository documents, EvidenceLedger ledger,
            LedgerReads ledgerReads, CurrentActor currentActor) {
        this.auditor = auditor;
        this.projects = projects;
        this.projectRepository = projectRepository;
        this.documentService = documentService;
        this.documents = documents;
        this.ledger = ledger;
        this.ledgerReads = ledgerReads;
        this.currentActor = currentActor;
    }

    @GetMapping("/projects/{projectId}")
    Map<String, Object> audit(@PathVariable String projectId) throws DomainException {
        ProjectAudit audit = run(projects.require(projectId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("projectId", audit.projectId());
        body.put("projectCode", audit.projectCode());
        body.put("checkedAt", audit.checkedAt());
        body.put("allOk", audit.allOk());
        body.put("summary", audit.summary());
        body.put("items", audit.items());
        return body;
    }

    /** The same audit as a page to print and sign. */
    @GetMapping(path = "/projects/{projectId}/report", produces = MediaType.TEXT_HTML_VALUE)
    String report(@PathVariable String projectId) throws DomainException {
        Project project = projects.require(projectId);
        ProjectAudit audit = run(project);
        StringBuilder rows = new StringBuilder();
        for (AuditItem item : audit.items()) {
            rows.append("<tr class=\"").append(item.status()).append("\"><td>").append(HtmlUtils.htmlEscape(item.evidenceId()))
                    .append("</td><td>").append(item.kind()).append("</td><td>").append(item.status())
                    .append("</td><td>").append(item.detail() == null ? "" : HtmlUtils.htmlEscape(item.detail()))
                    .append("</td></tr>\n");
        }
        return """
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>审计报告 %s</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%%}
                td,th{border:1px solid #999;padding:4px 8px;text-align:left;font-size:13px}
                tr.OK td:nth-child(3){color:#17643a}tr:not(.OK) td:nth-child(3){color:#a4161a;font-weight:bold}</style>
                </head><body><h1>项目证据审计报告 Project evidence audit</h1>
                <p>项目 Project: %s %s<br>审计时间 Checked at: %s<br>审计人 Auditor: %s<br>结论 Result: %s</p>
                <table><thead><tr><th>证据 Evidence</th><th>类型 Kind</th><th>状态 Status</th><th>说明 Detail</th></tr></thead>
                <tbody>%s</tbody></table></body></html>""".formatted(
                HtmlUtils.htmlEscape(project.code()), HtmlUtils.htmlEscape(project.code()),
                HtmlUtils.htmlEscape(project.name()), audit.checkedAt(), HtmlUtils.htmlEscape(currentActor.require().username()),
                audit.allOk() ? "全部一致 all consistent" : "发现异常 discrepancies found " + audit.summary(), rows);
    }

    /** The verify-file form, for the API description. */
    @Schema(name = "FileToVerify", requiredProperties = "file")
    record FileForm(@Schema(type = "string", format = "binary", description = "the file to look up") String file) {}

    /** An auditor's own copy of a file: streamed and digested here, then looked up in the records and on the ledger. */
    @PostMapping(path = "/verify-file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = FileForm.class)))
    Map<String, Object> verifyFile(HttpServletRequest request) throws DomainException {
        Digests digests;
        long size;
        try (MultipartForm.FileContent in = MultipartForm.fieldsThenFile(request, "file", Set.of()).content()) {
            digests = Digests.of(in);
            size = in.bytesRead();
        } catch (IOException e) {
            throw new DomainException(INVALID, "UPLOAD_INCOMPLETE", "the file could not be read to its end");
        }
        if (size == 0) {
            throw new DomainException(INVALID, "EMPTY_FILE", "the file is empty");
        }
        // The ledger answers; the database only names the projects and points out rows the ledger does not back.
        Map<String, LedgerEntry> onLedger = new LinkedHashMap<>();
        try {
            for (String digest : List.of(digests.sha256Hex(), digests.sm3Hex())) {
                for (LedgerEntry entry : ledger.findByDigest(digest)) {
                    if (entry.record() instanceof DocumentRecord) {
                        onLedger.putIfAbsent(entry.evidenceId(), entry);
                    }
                }
            }
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE", "the ledger cannot be asked now");
        }
        List<Map<String, Object>> matches = new ArrayList<>();
        for (LedgerEntry entry : onLedger.values()) {
            DocumentRecord r = (DocumentRecord) entry.record();
            Optional<Project> project = projectRepository.find(r.projectId());
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("documentId", r.evidenceId());
            match.put("projectId", r.projectId());
            match.put("projectCode", project.map(Project::code).orElse(null));
            match.put("projectName", project.map(Project::name).orElse(null));
            match.put("stage", r.stage());
            match.put("documentType", r.documentType());
            match.put("version", r.version());
            match.put("classification", r.classification().name());
            match.put("sha256Matches", r.sha256().equals(digests.sha256Hex()));
            match.put("sm3Matches", r.sm3().equals(digests.sm3Hex()));
            match.put("anchoredAt", entry.evidence().anchoredAt());
            match.put("txId", entry.txId());
            match.put("onLedger", true);
            matches.add(match);
        }
        // rows that claim these bytes without the ledger's backing: every disagreement is shown
        List<Map<String, Object>> unbacked = new ArrayList<>();
        for (Document d : documents.bySha256(digests.sha256Hex())) {
            if (!onLedger.containsKey(d.id())) {
                unbacked.add(Map.of("documentId", d.id(), "projectId", d.projectId(), "anchorState", d.anchorState().name()));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sha256", digests.sha256Hex());
        body.put("sm3", digests.sm3Hex());
        body.put("size", size);
        body.put("verified", matches.stream().anyMatch(m -> Boolean.TRUE.equals(m.get("sha256Matches"))
                && Boolean.TRUE.equals(m.get("sm3Matches"))));
        body.put("matches", matches);
        body.put("notOnLedger", unbacked);
        return body;
    }

    /**
     * A stored document re-read from storage, recomputed and compared with its record and the ledger. The ledger's
     * record comes through {@link LedgerReads}: an anchored record never changes, so once read it is kept (a
     * "not anchored" only for seconds), and each request still compares it with the database and the stored bytes.
     */
    @GetMapping("/documents/{documentId}/verify")
    AuditItem verifyDocument(@PathVariable String documentId) throws DomainException {
        Document document = documentService.readable(documentId, currentActor.require());
        try {
            return auditor.check(document,
                    ledgerReads.byId(new EvidenceId(document.id())).map(LedgerReads.Anchored::entry).orElse(null));
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE", "the ledger cannot be asked now");
        }
    }

    private ProjectAudit run(Project project) throws DomainException {
        try {
            return auditor.audit(project);
        } catch (LedgerUnavailableException e) {
            throw new DomainException(UNAVAILABLE, "LEDGER_UNAVAILABLE",
                    "the ledger cannot be asked now; the audit was not run", Map.of("checkedAt", Instant.now().toString()));
        }
    }
}
