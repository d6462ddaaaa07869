package cn.landreserve.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 server for the single-machine default mode: S3Proxy with its filesystem blob store, listening on
 * 127.0.0.1 only. Everything lives under one data directory:
 *
 * <pre>
 *   &lt;dir&gt;/credentials.properties   generated access and secret key (mode 600), reused on restart
 *   &lt;dir&gt;/blobs/&lt;bucket&gt;/...       the objects, one file per object
 * </pre>
 *
 * <p>It does not implement versioning or object lock (it answers 501); {@link DocumentStore#health()} shows that.
 * S3Proxy logs through SLF4J under {@code org.gaul.s3proxy} and its shaded Jetty under
 * {@code org.gaul.shaded.org.eclipse.jetty}; quiet both to WARN in the application's logging configuration.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final String CREDENTIALS_FILE = "credentials.properties";
    private static final String BLOBS_DIR = "blobs";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path dataDirectory;
    private final String accessKey;
    private final String secretKey;
    private final S3Proxy proxy;
    private final int port;

    private EmbeddedS3Server(Path dataDirectory, String accessKey, String secretKey, S3Proxy proxy, int port) {
        this.dataDirectory = dataDirectory;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.proxy = proxy;
        this.port = port;
    }

    /**
     * Starts a server on 127.0.0.1 that keeps its objects and credentials under {@code dataDirectory} (created if
     * missing).
     *
     * @param port the TCP port, or 0 for any free port (see {@link #port()})
     * @throws IOException if the directory or the credentials cannot be prepared, or the server does not start
     */
    public static EmbeddedS3Server start(Path dataDirectory, int port) throws IOException {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 (any free port) and 65535, got " + port);
        }
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Path blobs = Files.createDirectories(dir.resolve(BLOBS_DIR));
        Properties credentials = loadOrCreateCredentials(dir.resolve(CREDENTIALS_FILE));
        String accessKey = credentials.getProperty("accessKey");
        String secretKey = credentials.getProperty("secretKey");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
                Thread.sleep(10);
            }
            if (!"STARTED".equals(proxy.getState())) {
                throw new IOException("S3 server did not start: state " + proxy.getState());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(proxy);
            throw new IOException("interrupted while starting the S3 server", e);
        } catch (IOException e) {
            stopQuietly(proxy);
            throw e;
        } catch (Exception e) { // S3Proxy.start() declares Exception
            stopQuietly(proxy);
            throw new IOException("S3 server did not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        EmbeddedS3Server server = new EmbeddedS3Server(dir, accessKey, secretKey, proxy, proxy.getPort());
        log.info("embedded S3 server listening on {} with data in {}", server.endpoint(), blobs);
        return server;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Where the filesystem blob store keeps buckets (one directory each) and objects. */
    public Path blobDirectory() {
        return dataDirectory.resolve(BLOBS_DIR);
    }

    /** A store configuration for {@code bucket} on this server, with the defaults of {@link DocumentStoreConfig#of}. */
    public DocumentStoreConfig clientConfig(String bucket) {
        return DocumentStoreConfig.of(endpoint(), accessKey, secretKey, bucket);
    }

    @Override
    public void close() {
        stopQuietly(proxy);
        log.info("embedded S3 server on port {} stopped", port);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) { // S3Proxy.stop() declares Exception
            log.warn("stopping the embedded S3 server failed", e);
        }
    }

    private static Properties loadOrCreateCredentials(Path file) throws IOException {
        Properties p = new Properties();
        if (!Files.exists(file)) {
            p.setProperty("accessKey", random(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
            p.setProperty("secretKey",
                    random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
            try (OutputStream out = createOwnerOnly(file)) {
                p.store(out, "generated by EmbeddedS3Server; keep private");
                return p;
            } catch (FileAlreadyExistsException raced) {
                p.clear(); // another process created it first: use theirs
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        if (p.getProperty("accessKey", "").isBlank() || p.getProperty("secretKey", "").isBlank()) {
            throw new IOException(file + " must hold accessKey and secretKey");
        }
        return p;
    }

    private static OutputStream createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String random(int length, String alphabet) {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
