package cn.landreserve.workflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.lifecycle.Stage;
import cn.landreserve.workflow.lifecycle.TaskDefinition;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Through the API: the finance reviewer who must confirm a payment reads its SENSITIVE payment proof (file, record
 * and receipt); the other departments' reviewers do not.
 */
@Timeout(300)
class PaymentProofAccessTest extends RunningServiceTest {

    @Autowired LifecycleCatalogue catalogue;
    @Autowired DocumentRepository documentRepository;

    @Test
    void the_reviewer_who_confirms_the_payment_reads_the_sensitive_proof_and_other_reviewers_do_not() throws Exception {
        Project p = openProject("支付凭证访问项目", false);
        step(p, "Task_PrepareInitiation", "applicant", "SUBMIT");
        step(p, "Task_ReviewNaturalResources", "reviewer-nr", "APPROVE");
        step(p, "Task_ReviewEcology", "reviewer-eco", "APPROVE");
        step(p, "Task_ReviewFinance", "reviewer-fin", "APPROVE");
        step(p, "Task_ApproveInitiation", "approver", "APPROVE");
        String acquisition = openTask(p, "Task_RecordAcquisition");
        byte[] bytes = pdf("payment proof, owners' bank accounts " + p.id());
        Document proof = documents.upload(acquisition, user("applicant"),
                new Upload("PAYMENT_PROOF", "SENSITIVE", null, "支付凭证.pdf", bytes.length), new ByteArrayInputStream(bytes));
        step(p, "Task_RecordAcquisition", "applicant", "SUBMIT");
        openTask(p, "Task_ConfirmPayment");

        Response content = as("reviewer-fin").get("/api/documents/" + proof.id() + "/content");
        assertThat(content.status()).as(content.text()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(bytes);
        assertThat(as("reviewer-fin").get("/api/evidence/" + proof.id() + "/receipt").status()).isEqualTo(200);
        for (String other : new String[] {"reviewer-eco", "reviewer-nr"}) {
            Response refused = as(other).get("/api/documents/" + proof.id() + "/content");
            assertThat(refused.status()).as(other).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("CLASSIFIED");
            assertThat(as(other).get("/api/evidence/" + proof.id() + "/receipt").status()).as(other).isEqualTo(403);
        }
    }

    /** Completes a task, uploading PUBLIC copies of what its stage still lacks, and anchors before the next one. */
    private void step(Project p, String element, String username, String outcome) throws Exception {
        String taskId = openTask(p, element);
        TaskDefinition definition = catalogue.requireTask(element);
        if (definition.outcome(outcome).orElseThrow().checksDocuments()) {
            Stage stage = catalogue.stage(definition.stage()).orElseThrow();
            for (String missing : stage.missingDocuments(documentRepository.typesOfStage(p.id().value(), stage.code()),
                    p.formerIndustrial())) {
                String type = missing.split("\\|")[0];
                byte[] bytes = pdf(type + " " + p.id());
                documents.upload(taskId, user(username), new Upload(type, "PUBLIC", null, type + ".pdf", bytes.length),
                        new ByteArrayInputStream(bytes));
            }
        }
        tasks.complete(taskId, user(username), outcome, "意见");
        runJobs();
    }
}
