package cn.landreserve.workflow.fault;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.documents.EmbeddedS3Server;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.TestService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;

/** The object store goes away: uploads fail cleanly (no half records) and work again, with no manual step. */
class ObjectStoreOutageTest {

    @Test
    void uploads_fail_cleanly_while_the_object_store_is_down_and_work_again_when_it_is_back() throws Exception {
        Path data = Files.createTempDirectory("s3-outage");
        try (var service = TestService.start(data, "reserve.demo.password=outage-pass", "reserve.demo.sample-projects=false")) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            ApiClient applicant = ApiClient.as(port, "applicant", "outage-pass");
            String projectId = applicant.postJson("/api/projects", Map.of("name", "对象存储故障项目", "district", "区",
                    "areaSquareMeters", 10)).json().get("id").asText();
            String task = applicant.get("/api/projects/" + projectId + "/tasks").json().get(0).get("id").asText();
            assertThat(upload(applicant, task, "before").status()).isEqualTo(201);

            EmbeddedS3Server s3 = service.getBean(EmbeddedS3Server.class);
            int s3Port = s3.port();
            s3.close();
            Response refused = upload(applicant, task, "during");
            assertThat(refused.status()).as(refused.text()).isEqualTo(503);
            assertThat(refused.json().get("code").asText()).isEqualTo("OBJECT_STORE_UNAVAILABLE");
            assertThat(applicant.get("/api/projects/" + projectId + "/timeline").json().findValuesAsText("kind"))
                    .as("the project's facts and the one document before the outage").containsExactly("PROJECT", "DOCUMENT");

            try (EmbeddedS3Server back = EmbeddedS3Server.start(data.resolve("objects"), s3Port)) {
                Response after = upload(applicant, task, "after");
                assertThat(after.status()).as(after.text()).isEqualTo(201);
                assertThat(applicant.get("/api/projects/" + projectId + "/timeline").json().findValuesAsText("kind"))
                        .containsExactly("PROJECT", "DOCUMENT", "DOCUMENT");
                String id = after.json().get("id").asText();
                assertThat(ApiClient.as(port, "auditor", "outage-pass").get("/api/documents/" + id + "/content").text())
                        .contains("after");
            }
        }
    }

    private static Response upload(ApiClient client, String task, String text) {
        return client.upload("/api/tasks/" + task + "/documents", text + ".pdf",
                ("%PDF-1.4\n" + text + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII),
                "documentType", "IMPLEMENTATION_PLAN", "classification", "INTERNAL");
    }
}
