package cn.landreserve.workflow.support;

import cn.landreserve.workflow.document.DocumentService;
import cn.landreserve.workflow.document.DocumentService.Upload;
import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.project.Project;
import cn.landreserve.workflow.project.Project.NewProject;
import cn.landreserve.workflow.project.ProjectService;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.DemoUsers;
import cn.landreserve.workflow.task.TaskWork;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port, job executor off (tests run the anchoring jobs themselves), shared by every
 * subclass: Spring reuses one context for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "reserve.demo.password=" + RunningServiceTest.PASSWORD,
        "reserve.demo.sample-projects=false",
        "reserve.workflow.anchor-retry-cycle=R3/PT0S",
        // background work happens when a test asks for it (sweep(), recover(), anchorHead()), not behind its back
        "reserve.workflow.document-anchor-interval=PT24H",
        "reserve.workflow.anchor-recovery-interval=PT24H",
        "reserve.access-log.anchor-interval=PT24H",
        "reserve.admin-log.anchor-interval=PT24H",
        "reserve.s3.max-size=1MB",
        // Tomcat reads and drops at most this much of a body the application did not read before closing the
        // connection: small here, so that a test can tell an upload refusal the service drained from one it did not
        "server.tomcat.max-swallow-size=64KB"})
public abstract class RunningServiceTest {

    public static final String PASSWORD = "running-service-pass";
    static final Path DATA = tempDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("reserve.data-dir", DATA::toString);
    }

    @LocalServerPort protected int port;
    @Autowired protected ProjectService projectService;
    @Autowired protected TaskWork tasks;
    @Autowired protected DocumentService documents;
    @Autowired protected WorkflowEngine engine;
    @Autowired protected ManagementService management;

    protected static Path dataDir() {
        return DATA;
    }

    protected ApiClient as(String user) {
        return ApiClient.as(port, user, PASSWORD);
    }

    protected ApiClient anonymous() {
        return ApiClient.anonymous(port);
    }

    protected static Actor user(String username) {
        return DemoUsers.USERS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow();
    }

    /** Opens a project; a published one is published by the approver, as in the service. */
    protected Project openProject(String name, boolean published) throws Exception {
        Project project = projectService.open(new NewProject(name, "测试区", new BigDecimal("500.00"), false, null),
                user("applicant"));
        return published ? projectService.publish(project.id().value(), true, "公开 published", user("approver"))
                : project;
    }

    protected String openTask(Project p, String element) {
        return engine.tasksOfProject(p.processInstanceId()).stream().filter(t -> t.elementId().equals(element))
                .findFirst().orElseThrow(() -> new AssertionError(element + " not open")).id();
    }

    protected cn.landreserve.workflow.document.Document upload(String taskId, String user, String type, String classification,
            byte[] bytes) throws Exception {
        return documents.upload(taskId, user(user), new Upload(type, classification, null, type + ".pdf", bytes.length),
                new ByteArrayInputStream(bytes));
    }

    protected void runJobs() {
        new Jobs(management).runAll();
    }

    protected static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("running-service");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
