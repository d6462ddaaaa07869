package cn.landreserve.documents;

import java.nio.file.Path;

/**
 * Runs an {@link EmbeddedS3Server} as its own process for the benchmark, so that the client's heap and CPU can
 * be measured apart from the server's. Prints one line "S3SERVER endpoint accessKey secretKey" and stops when stdin closes.
 */
public final class EmbeddedS3ServerProcess {

    private EmbeddedS3ServerProcess() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(Path.of(args[0]), 0)) {
            System.out.println("S3SERVER " + server.endpoint() + " " + server.accessKey() + " " + server.secretKey());
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to close our stdin
            }
        }
    }
}
