package cn.landreserve.workflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.documents.Digests;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Uploads are read as they arrive (web.MultipartForm): the file goes to the object store while it is received.
 * These tests pin what that must not change: exact bytes and digests, fields from the form or the query string,
 * and a refusal the client can read even while it is still sending a body the service will not keep.
 */
class StreamingUploadTest extends RunningServiceTest {

    @Autowired DocumentRepository documentRepository;

    @Test
    void a_file_larger_than_the_parsers_buffers_is_stored_byte_for_byte_with_its_digests() throws Exception {
        Project p = openProject("流式上传项目", false);
        String task = openTask(p, "Task_PrepareInitiation");
        byte[] bytes = pdfOf(900 * 1024, 7);

        Response r = as("applicant").upload("/api/tasks/" + task + "/documents", "实施方案（第1版）.pdf", bytes,
                "documentType", "IMPLEMENTATION_PLAN", "classification", "INTERNAL");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Digests expected = Digests.of(bytes);
        assertThat(r.json().at("/file/sha256").asText()).isEqualTo(expected.sha256Hex());
        assertThat(r.json().at("/file/sm3").asText()).isEqualTo(expected.sm3Hex());
        assertThat(r.json().at("/file/size").asLong()).isEqualTo(bytes.length);
        assertThat(r.json().at("/file/originalName").asText()).isEqualTo("实施方案（第1版）.pdf");
        Response content = as("applicant").get("/api/documents/" + r.json().get("id").asText() + "/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(bytes);
    }

    @Test
    void the_fields_may_come_in_the_query_string() throws Exception {
        Project p = openProject("查询参数上传项目", false);
        String task = openTask(p, "Task_PrepareInitiation");

        Response r = as("applicant").upload("/api/tasks/" + task
                + "/documents?documentType=BUDGET_ESTIMATE&classification=PUBLIC", "budget.pdf", pdf("budget"));

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("documentType").asText()).isEqualTo("BUDGET_ESTIMATE");
        assertThat(r.json().get("classification").asText()).isEqualTo("PUBLIC");
    }

    @Test
    void a_field_sent_after_the_file_is_refused_and_nothing_is_kept() throws Exception {
        Project p = openProject("字段顺序项目", false);
        String task = openTask(p, "Task_PrepareInitiation");
        String body = field("documentType", "IMPLEMENTATION_PLAN") + fileHead("x.pdf") + "%PDF-1.4 x\r\n"
                + field("classification", "PUBLIC") + "--b--\r\n";

        Response r = as("applicant").post("/api/tasks/" + task + "/documents", "multipart/form-data; boundary=b",
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("MISSING_FIELD");
        assertThat(documentRepository.ofProject(p.id().value())).isEmpty();
    }

    @Test
    void a_refused_upload_is_answered_even_while_the_client_is_still_sending() throws Exception {
        Project p = openProject("拒绝大文件项目", false);
        String task = openTask(p, "Task_PrepareInitiation");
        // within the 1 MB limit but well over what Tomcat swallows (64 KB here): the service must drain it
        byte[] nineHundredKiB = pdfOf(900 * 1024, 11);
        byte[] eightMiB = pdfOf(8 * 1024 * 1024, 11);

        Response wrongType = as("applicant").upload("/api/tasks/" + task + "/documents", "big.pdf", nineHundredKiB,
                "documentType", "ACCEPTANCE_REPORT", "classification", "PUBLIC");
        Response tooLarge = as("applicant").upload("/api/tasks/" + task + "/documents", "big.pdf", eightMiB,
                "documentType", "IMPLEMENTATION_PLAN", "classification", "PUBLIC");

        assertThat(wrongType.status()).as(wrongType.text()).isEqualTo(400);
        assertThat(wrongType.json().get("code").asText()).isEqualTo("DOCUMENT_TYPE_NOT_OF_STAGE");
        assertThat(tooLarge.status()).as(tooLarge.text()).isEqualTo(413);
        assertThat(tooLarge.json().get("code").asText()).isEqualTo("FILE_TOO_LARGE");
        assertThat(tooLarge.json().get("message").asText()).as("refused by its length, before reading")
                .startsWith("the upload of ").endsWith(" bytes is over the limit of 1048576 bytes");
        assertThat(documentRepository.ofProject(p.id().value())).isEmpty();
    }

    @Test
    void an_oversize_file_of_unannounced_length_is_refused_when_the_stream_passes_the_limit() throws Exception {
        Project p = openProject("分块上传超限项目", false);
        String task = openTask(p, "Task_PrepareInitiation");
        String head = field("documentType", "IMPLEMENTATION_PLAN") + field("classification", "PUBLIC") + fileHead("big.pdf");
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), pdfOf(3 * 1024 * 1024, 5),
                "\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));

        Response r = as("applicant").postChunked("/api/tasks/" + task + "/documents", "multipart/form-data; boundary=b", body);

        assertThat(r.status()).as(r.text()).isEqualTo(413);
        assertThat(r.json().get("code").asText()).isEqualTo("FILE_TOO_LARGE");
        assertThat(r.json().get("message").asText()).startsWith("the stream is over the limit");
        assertThat(documentRepository.ofProject(p.id().value())).isEmpty();
    }

    /** A form field of a multipart body with the boundary "b". */
    private static String field(String name, String value) {
        return "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    /** The head of the file part of a multipart body with the boundary "b"; its bytes follow. */
    private static String fileHead(String fileName) {
        return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n\r\n";
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A PDF header followed by pseudo-random bytes: detected as PDF, not compressible, not one repeated block. */
    private static byte[] pdfOf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return Arrays.copyOf(bytes, size);
    }
}
