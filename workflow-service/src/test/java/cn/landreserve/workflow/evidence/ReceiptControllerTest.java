package cn.landreserve.workflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.workflow.document.Document;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/** Receipts of evidence the ledger does not hold, and the trust bundle auditors pin. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReceiptControllerTest extends RunningServiceTest {

    @Autowired EvidenceLedger ledger;

    @Test
    void a_receipt_for_an_id_the_ledger_does_not_hold_is_404_in_the_error_shape() {
        Response r = as("auditor").get("/api/evidence/doc-nowhere-0001/receipt");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = r.json();
        assertThat(error.path("status").asInt()).isEqualTo(404);
        assertThat(error.path("code").asText()).isEqualTo("EVIDENCE_NOT_FOUND");
        assertThat(error.path("message").asText()).isEqualTo("the ledger holds no evidence doc-nowhere-0001");
        assertThat(error.path("details").path("evidenceId").asText()).isEqualTo("doc-nowhere-0001");
    }

    @Test
    void a_receipt_for_a_document_not_anchored_yet_is_409_NOT_ANCHORED() throws Exception {
        Project p = openProject("回执测试项目", false);
        Document pending = upload(openTask(p, "Task_PrepareInitiation"), "applicant", "IMPLEMENTATION_PLAN", "INTERNAL",
                pdf("receipt before anchoring"));

        Response r = as("auditor").get("/api/evidence/" + pending.id() + "/receipt");

        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.json().path("code").asText()).isEqualTo("NOT_ANCHORED");
        assertThat(r.json().path("details").path("evidenceId").asText()).isEqualTo(pending.id());
    }

    @Test
    void auditors_download_the_trust_bundle_as_pem() throws Exception {
        Response r = as("auditor").get("/api/audit/trust-bundle");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
        assertThat(r.raw().headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"trust-bundle.pem\"");
        assertThat(r.text()).isEqualTo(ledger.trustBundlePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Certificates.parsePem(r.text())).singleElement()
                .satisfies(ca -> assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0));
        assertThat(as("operator").get("/api/audit/trust-bundle").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/audit/trust-bundle").status()).isEqualTo(401);
    }
}
