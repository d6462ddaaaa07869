package cn.landreserve.workflow.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.landreserve.documents.Digests;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ChildService;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the service while 16 clients send 200 requests (150 uploads and 50 task completions), then a restart: every upload that got
 * a success response is stored, anchored and in its timeline; every acknowledged completion moved its project on;
 * nothing is anchored twice (the audit agrees record for record); no task is stuck and no incident is left.
 */
class KillDuringLoadTest {

    static final String PASSWORD = "kill-pass";
    static final int PROJECTS = 50;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void acknowledged_uploads_and_completions_survive_a_kill_9_under_load() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (ChildService service = new ChildService(data, "--reserve.demo.password=" + PASSWORD,
                "--camunda.bpm.job-execution.lock-time-in-millis=5000",
                "--reserve.workflow.document-anchor-interval=PT2S")) {
            service.start();
            ApiClient applicant = ApiClient.as(service.port(), "applicant", PASSWORD);
            List<String[]> work = new ArrayList<>();   // {projectId, taskId}
            for (int i = 0; i < PROJECTS; i++) {
                String id = applicant.postJson("/api/projects", Map.of("name", "强杀负载项目" + i, "district", "区",
                        "areaSquareMeters", 10)).json().get("id").asText();
                work.add(new String[] {id, applicant.get("/api/projects/" + id + "/tasks").json().get(0).get("id").asText()});
            }

            // 50 chains of 4 requests (3 uploads, then the completion): 200 requests from 16 clients at once.
            Map<String, byte[]> uploaded = new ConcurrentHashMap<>();     // document id → bytes, for 201s only
            Set<String> completed = ConcurrentHashMap.newKeySet();         // project ids whose completion got 200
            AtomicInteger responses = new AtomicInteger();
            ConcurrentLinkedQueue<String[]> queue = new ConcurrentLinkedQueue<>(work);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                futures.add(clients.submit(() -> {
                    for (String[] next; (next = queue.poll()) != null; ) {
                        String[] w = next;
                        boolean allStored = true;
                        for (String type : List.of("IMPLEMENTATION_PLAN", "SITE_TITLE_SURVEY", "BUDGET_ESTIMATE")) {
                            byte[] bytes = ("%PDF-1.4\n" + type + " " + w[0] + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                            ApiClient.Response r = call(() -> applicant.upload("/api/tasks/" + w[1] + "/documents",
                                    type + ".pdf", bytes, "documentType", type, "classification", "INTERNAL"));
                            if (r != null && r.status() == 201) {
                                uploaded.put(r.json().get("id").asText(), bytes);
                                responses.incrementAndGet();
                            } else {
                                allStored = false;
                            }
                        }
                        if (allStored) {
                            ApiClient.Response r = call(() -> applicant.postJson("/api/tasks/" + w[1] + "/complete",
                                    Map.of("outcome", "SUBMIT", "opinion", "请审查")));
                            if (r != null && r.status() == 200) {
                                completed.add(w[0]);
                                responses.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            await("80 acknowledged requests before the kill").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(5))
                    .until(() -> responses.get() >= 80 || futures.stream().allMatch(Future::isDone));
            service.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).as("clients finish once the service is gone").isTrue();
            for (Future<?> client : futures) {
                client.get(0, TimeUnit.SECONDS); // a client that failed other than by losing its connection fails the test
            }
            int acknowledged = uploaded.size() + completed.size();
            System.out.printf("killed with %d of 200 requests acknowledged (%d uploads, %d completions)%n",
                    acknowledged, uploaded.size(), completed.size());
            assertThat(acknowledged).isGreaterThanOrEqualTo(80).isLessThan(200);

            service.start();
            ApiClient auditor = ApiClient.as(service.port(), "auditor", PASSWORD);
            ApiClient operator = ApiClient.as(service.port(), "operator", PASSWORD);
            awaitDrained(operator);

            for (var upload : uploaded.entrySet()) {
                JsonNode doc = auditor.get("/api/documents/" + upload.getKey()).json();
                assertThat(doc.get("anchorState").asText()).as(upload.getKey()).isEqualTo("ANCHORED");
                assertThat(doc.at("/file/sha256").asText()).isEqualTo(Digests.of(upload.getValue()).sha256Hex());
                assertThat(auditor.get("/api/documents/" + upload.getKey() + "/content").body()).isEqualTo(upload.getValue());
            }
            Set<String> inTimelines = new HashSet<>();
            for (String[] w : work) {
                List<JsonNode> timeline = StreamSupport.stream(
                        auditor.get("/api/projects/" + w[0] + "/timeline").json().spliterator(), false).toList();
                timeline.forEach(item -> inTimelines.add(item.get("evidenceId").asText()));
                assertThat(timeline).allSatisfy(item -> assertThat(item.get("anchorState").asText()).isEqualTo("ANCHORED"));
                List<String> open = StreamSupport.stream(auditor.get("/api/projects/" + w[0] + "/tasks").json().spliterator(), false)
                        .map(t -> t.get("elementId").asText()).toList();
                if (completed.contains(w[0])) {
                    assertThat(open).as("project " + w[0] + " moved on to the reviews")
                            .containsExactlyInAnyOrder("Task_ReviewNaturalResources", "Task_ReviewEcology", "Task_ReviewFinance");
                } else {
                    assertThat(open).as("project " + w[0] + " is not stuck").isNotEmpty();
                }
                JsonNode audit = auditor.get("/api/audit/projects/" + w[0]).json();
                assertThat(audit.get("allOk").asBoolean()).as(audit.toString()).isTrue();
                assertThat(audit.get("items")).as("record for record, nothing twice, and the project row's facts")
                        .hasSize(timeline.size() + 1);
            }
            assertThat(inTimelines).containsAll(uploaded.keySet());
            assertThat(operator.get("/api/ops/status").json().get("incidents")).isEmpty();
            service.stop();
        }
    }

    private static void awaitDrained(ApiClient operator) {
        await("the anchoring backlog drains").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode backlog = operator.get("/api/ops/status").json().get("anchoringBacklog");
                    assertThat(backlog.get("pendingDocuments").asLong()).as(backlog.toString()).isZero();
                    assertThat(backlog.get("pendingDecisions").asLong()).as(backlog.toString()).isZero();
                    assertThat(backlog.get("pendingJobs").asLong()).as(backlog.toString()).isZero();
                });
    }

    private static ApiClient.Response call(java.util.function.Supplier<ApiClient.Response> request) {
        try {
            return request.get();
        } catch (AssertionError connectionLost) {
            return null; // the service was killed under this request: no answer, nothing claimed
        }
    }
}
