package cn.landreserve.workflow.support;

import cn.landreserve.workflow.LandReserveApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The service as a separate process on a data directory, so that tests can SIGTERM or kill -9 it. */
public final class ChildService implements AutoCloseable {

    private final Path data;
    private final int port;
    private final List<String> extraArgs;
    private Process process;
    private Path log;

    public ChildService(Path data, String... extraArgs) throws IOException {
        this.data = data;
        this.extraArgs = List.of(extraArgs);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
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
        process = ChildJvm.start(LandReserveApplication.class, log, List.of("-Xmx768m"), args.toArray(String[]::new));
        for (int i = 0; i < 1800; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("service exited:\n" + Files.readString(log));
            }
            try {
                if (ApiClient.anonymous(port).get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("service did not start:\n" + Files.readString(log));
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
