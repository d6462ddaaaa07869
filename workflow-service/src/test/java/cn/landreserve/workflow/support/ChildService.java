package cn.landreserve.workflow.support;

import static org.awaitility.Awaitility.await;

import cn.landreserve.workflow.LandReserveApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The service as a separate process on a data directory, so that tests can SIGTERM or kill -9 it. */
public final class ChildService implements AutoCloseable {

    private final Path data;
    private final int port;
    private final List<String> extraArgs;
    private final Path jar;
    private Process process;
    private Path log;

    /** The service from the test class path (this build's classes). */
    public ChildService(Path data, String... extraArgs) throws IOException {
        this(null, data, extraArgs);
    }

    private ChildService(Path jar, Path data, String... extraArgs) throws IOException {
        this.jar = jar;
        this.data = data;
        this.extraArgs = List.of(extraArgs);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    /**
     * The packaged service, {@code java -jar workflow-service.jar}: the jar the build's package phase made, named by
     * the system property {@code service.jar} (failsafe sets it for the integration tests).
     */
    public static ChildService packaged(Path data, String... extraArgs) throws IOException {
        String jar = System.getProperty("service.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("no packaged service: -Dservice.jar=" + jar + " (run through failsafe after package:"
                    + " ./mvnw -pl workflow-service -am verify)");
        }
        return new ChildService(Path.of(jar), data, extraArgs);
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Starts the service and waits until its health endpoint answers. */
    public void start() throws Exception {
        log = Files.createTempFile(data.getParent(), "service", ".log");
        List<String> args = new ArrayList<>(List.of("--reserve.data-dir=" + data, "--server.port=" + port,
                "--reserve.demo.sample-projects=false", "--spring.main.banner-mode=off"));
        args.addAll(extraArgs);
        process = jar == null
                ? ChildJvm.start(LandReserveApplication.class, log, List.of("-Xmx768m"), args.toArray(String[]::new))
                : ChildJvm.startJar(jar, log, List.of("-Xmx768m"), args.toArray(String[]::new));
        try {
            await("the service answers /actuator/health").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(100))
                    .failFast("the service exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(AssertionError.class) // connection refused while it starts
                    .until(() -> ApiClient.anonymous(port).get("/actuator/health").status() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + ":\n" + Files.readString(log), e);
        }
    }

    /** SIGTERM and wait: the graceful stop. */
    public int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** kill -9: no shutdown hook runs; the embedded PostgreSQL is left running, orphaned. */
    public void kill() throws InterruptedException {
        ChildJvm.killHard(process);
    }

    public String log() throws IOException {
        return log == null ? "" : Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
        if (Files.exists(data.resolve("postgres/postmaster.pid"))) {
            cn.landreserve.workflow.database.EmbeddedDatabaseAccess.stopStale(data.resolve("postgres"));
        }
    }
}
