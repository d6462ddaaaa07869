package cn.landreserve.workflow.ops;

import cn.landreserve.documents.DocumentStore;
import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.accesslog.AccessLogBreaks;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.engine.WorkflowEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view: ledger and storage health, the anchoring backlog, failed jobs, and access-log incidents
 * (role OPERATOR only).
 */
@RestController
@RequestMapping("/api/ops")
class OpsController {

    private final EvidenceLedger ledger;
    private final DocumentStore store;
    private final WorkflowEngine engine;
    private final JdbcClient jdbc;
    private final AccessLogBreaks accessLogBreaks;
    private final DocumentRepository documents;

    OpsController(EvidenceLedger ledger, DocumentStore store, WorkflowEngine engine, JdbcClient jdbc,
            AccessLogBreaks accessLogBreaks, DocumentRepository documents) {
        this.documents = documents;
        this.ledger = ledger;
        this.store = store;
        this.engine = engine;
        this.jdbc = jdbc;
        this.accessLogBreaks = accessLogBreaks;
    }

    @GetMapping("/status")
    Map<String, Object> status() {
        Map<String, Object> backlog = new LinkedHashMap<>();
        backlog.put("pendingDocuments", count("select count(*) from reserve.document where anchor_state = 'PENDING'"));
        backlog.put("pendingDecisions", count("select count(*) from reserve.decision where anchor_state = 'PENDING'"));
        backlog.put("pendingProjectFacts", count("select count(*) from reserve.project_version where anchor_state = 'PENDING'"));
        backlog.put("pendingJobs", engine.pendingJobs());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ledger", ledger.health());
        body.put("objectStore", store.health());
        body.put("anchoringBacklog", backlog);
        body.put("incidents", engine.incidents());
        body.put("accessLog", accessLog());
        body.put("refusedEvidence", documents.refused());
        return body;
    }

    /** Gives the failed jobs of one project's process their retries back, e.g. after the ledger is reachable again. */
    @PostMapping("/incidents/{processInstanceId}/retry")
    Map<String, Object> retry(@PathVariable String processInstanceId) {
        return Map.of("retried", engine.retryFailedJobs(processInstanceId, 3));
    }

    /** Open access-log incidents (a broken chain, and where its statement is anchored), and this instance's last walk. */
    private Map<String, Object> accessLog() {
        var open = accessLogBreaks.open();
        Map<String, Object> accessLog = new LinkedHashMap<>();
        accessLog.put("chainIntact", open.isEmpty() && accessLogBreaks.lastFirstBroken() < 0);
        accessLog.put("lastChecked", accessLogBreaks.lastChecked());
        accessLog.put("incidents", open);
        accessLog.put("groupCommits", accessLogBreaks.groupCommits());
        return accessLog;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
