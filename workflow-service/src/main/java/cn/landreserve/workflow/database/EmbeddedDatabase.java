package cn.landreserve.workflow.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's packaged binaries) whose data directory survives restarts.
 * Durable settings: fsync and synchronous_commit on. A server left running by a killed JVM is stopped first.
 * It registers no shutdown hook: Spring closes it after the process engine.
 *
 * <p>It listens on loopback only and asks every connection for a password (scram-sha-256, local socket included):
 * the superuser's password is generated once into {@code <data-dir>/postgres-password.txt} (mode 600), set at every
 * start and {@code pg_hba.conf} rewritten, so that a data directory made before passwords were required gets one too.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STALE_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private static final String HBA = """
            # written by the land reserve service at every start: every connection gives the password
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /** Starts the server in {@code dataDirectory}; its password is kept beside it, in {@link #passwordFile(Path)}. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        String password = password(passwordFile(dataDirectory));
        stopStaleServer(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                // zonky's own readiness check connects too: with the password, once pg_hba.conf asks for it
                .setConnectConfig("password", password);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        try {
            requirePassword(postgres, dataDirectory, password);
        } catch (SQLException | IOException | RuntimeException e) {
            postgres.close();
            throw new IOException("cannot make the embedded PostgreSQL require its password", e);
        }
        log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDirectory);
        return new EmbeddedDatabase(postgres, dataDirectory, password);
    }

    /** data/postgres → data/postgres-password.txt */
    public static Path passwordFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-password.txt");
    }

    /**
     * Sets the superuser's password and makes every connection give it. On a fresh data directory (initdb trusts
     * local connections) this runs before anything else connects; afterwards the connection itself needs the
     * password.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase(Map.of("password", password)).getConnection();
                Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            // the password is hex (generated) or checked below: no quote can end the literal
            s.execute("alter role postgres with password '" + password + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.US_ASCII);
            s.execute("select pg_reload_conf()");
        }
    }

    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!kept.matches("[A-Za-z0-9_-]{16,128}")) {
                throw new IOException(file + " must hold 16 to 128 letters, digits, '-' or '_'");
            }
            return kept;
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, generated + System.lineSeparator(), StandardCharsets.US_ASCII);
        log.info("Generated the embedded PostgreSQL's password in {}", file);
        return generated;
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase(Map.of("password", password));
    }

    /** The superuser's password (every connection needs it). */
    public String password() {
        return password;
    }

    public String username() {
        return "postgres";
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        log.info("Embedded PostgreSQL stopped");
    }

    /**
     * After a kill -9 of the service, its PostgreSQL child keeps running and holds postmaster.pid.
     * Stop that server (fast shutdown) so that this start can take the data directory over.
     */
    static void stopStaleServer(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> stale = staleServer(dataDirectory);
        if (stale.isEmpty()) {
            return;
        }
        ProcessHandle server = stale.get();
        log.warn("A PostgreSQL server (pid {}) from an earlier run still holds {}; stopping it", server.pid(), dataDirectory);
        // SIGINT is PostgreSQL's "fast" shutdown: it rolls back open transactions and checkpoints.
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
            server.onExit().get(STALE_SHUTDOWN_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping stale PostgreSQL pid " + server.pid(), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("stale PostgreSQL pid " + server.pid() + " did not stop within " + STALE_SHUTDOWN_WAIT, e);
        }
    }

    static Optional<ProcessHandle> staleServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).strip());
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}
