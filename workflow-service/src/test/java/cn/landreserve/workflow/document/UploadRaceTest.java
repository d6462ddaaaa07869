package cn.landreserve.workflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.documents.EmbeddedS3Server;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A slow upload overtaken by its task's completion: the file arrives after the decision was taken, so it is refused
 * with 409 and leaves neither a document row nor an object behind.
 */
@Timeout(120)
class UploadRaceTest extends RunningServiceTest {

    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedS3Server s3;

    @Test
    void a_slow_upload_overtaken_by_its_tasks_completion_is_refused_and_leaves_nothing() throws Exception {
        Project p = openProject("上传竞态项目", false);
        String prepare = openTask(p, "Task_PrepareInitiation");
        upload(prepare, "applicant", "IMPLEMENTATION_PLAN", "INTERNAL", pdf("plan " + p.id()));
        upload(prepare, "applicant", "SITE_TITLE_SURVEY", "INTERNAL", pdf("survey " + p.id()));
        upload(prepare, "applicant", "BUDGET_ESTIMATE", "INTERNAL", pdf("budget " + p.id()));
        tasks.complete(prepare, user("applicant"), "SUBMIT", "请审查");
        runJobs();
        String review = openTask(p, "Task_ReviewEcology");
        long rowsBefore = rows(p);
        long objectsBefore = objects();

        // the form's fields and the first half of the file go out; the rest waits until the task is completed
        String boundary = "race-" + System.nanoTime();
        byte[] file = pdf("ecology opinion " + p.id());
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nDEPARTMENT_OPINION\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"classification\"\r\n\r\nINTERNAL\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"opinion.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        int half = file.length / 2;
        CountDownLatch firstHalfSent = new CountDownLatch(1);
        CountDownLatch taskCompleted = new CountDownLatch(1);
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(concat(head, slice(file, 0, half))),
                new InputStream() {
                    private InputStream rest;

                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (rest == null) {
                            firstHalfSent.countDown();
                            try {
                                if (!taskCompleted.await(60, TimeUnit.SECONDS)) {
                                    throw new IOException("the task was not completed in time");
                                }
                            } catch (InterruptedException e) {
                                throw new IOException(e);
                            }
                            rest = new ByteArrayInputStream(concat(slice(file, half, file.length), tail));
                        }
                        return rest.read(b, off, len);
                    }
                });
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks/" + review + "/documents"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("reviewer-eco:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());

        assertThat(firstHalfSent.await(30, TimeUnit.SECONDS)).as("the upload started").isTrue();
        Thread.sleep(300); // let the service read what was sent: the upload is under way when the decision is taken
        tasks.complete(review, user("reviewer-eco"), "APPROVE", "无生态保护红线冲突");
        taskCompleted.countDown();
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        JsonNode error = new ObjectMapper().readTree(response.body());
        assertThat(error.get("code").asText()).isEqualTo("TASK_ALREADY_COMPLETED");
        assertThat(error.at("/details/taskId").asText()).isEqualTo(review);
        assertThat(rows(p)).as("no document row").isEqualTo(rowsBefore);
        assertThat(objects()).as("no object left in the store").isEqualTo(objectsBefore);
    }

    private long rows(Project p) {
        return jdbc.sql("select count(*) from reserve.document where project_id = :p").param("p", p.id().value())
                .query(Long.class).single();
    }

    private long objects() throws IOException {
        try (Stream<Path> files = Files.walk(s3.blobDirectory())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
