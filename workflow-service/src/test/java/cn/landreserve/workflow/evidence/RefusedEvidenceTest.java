package cn.landreserve.workflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.document.DocumentRepository;
import cn.landreserve.workflow.kernel.AnchorState;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A document recorded just before its project was sealed can never be anchored: it becomes an operator's incident
 * (REFUSED, listed in /api/ops/status), not a warning on every sweep.
 */
@Timeout(120)
class RefusedEvidenceTest extends RunningServiceTest {

    @Autowired PendingDocumentSweeper sweeper;
    @Autowired EvidenceLedger ledger;
    @Autowired DocumentRepository documentRepository;

    @Test
    void a_document_of_a_sealed_project_becomes_an_operator_incident_and_is_not_retried() throws Exception {
        Project p = openProject("封存后上传项目", false);
        sweeper.sweep();
        Document late = upload(openTask(p, "Task_PrepareInitiation"), "applicant", "IMPLEMENTATION_PLAN", "INTERNAL",
                pdf("late plan " + p.id()));
        // the project is sealed on the ledger before the document reaches it
        ledger.seal(p.id().value(), Instant.now().toString());

        assertThat(sweeper.sweep()).isZero();

        Document refused = documentRepository.find(late.id()).orElseThrow();
        assertThat(refused.anchorState()).isEqualTo(AnchorState.REFUSED);
        JsonNode status = as("operator").get("/api/ops/status").json();
        JsonNode incident = status.get("refusedEvidence").findParents("documentId").stream()
                .filter(n -> n.get("documentId").asText().equals(late.id())).findFirst().orElseThrow();
        assertThat(incident.get("projectId").asText()).isEqualTo(p.id().value());
        assertThat(incident.get("refusal").asText()).startsWith("PROJECT_SEALED");
        assertThat(documentRepository.pending(p.id().value())).as("not retried on every sweep").isEmpty();
        assertThat(as("applicant").get("/api/projects/" + p.id().value() + "/timeline").json()
                .findValuesAsText("anchorState")).contains("REFUSED");
    }
}
