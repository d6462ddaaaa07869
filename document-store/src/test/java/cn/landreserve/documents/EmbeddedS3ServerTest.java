package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3ServerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void a_restart_on_the_same_directory_keeps_objects_and_credentials() throws Exception {
        StoredDocument stored;
        String accessKey;
        String secretKey;
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDirectory, 0);
                DocumentStore store = DocumentStore.open(server.clientConfig("restart"))) {
            accessKey = server.accessKey();
            secretKey = server.secretKey();
            stored = store.put(new SeededStream(42, 3000), "保留.pdf");
        }

        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDirectory, 0);
                DocumentStore store = DocumentStore.open(server.clientConfig("restart"))) {
            assertThat(server.accessKey()).isEqualTo(accessKey);
            assertThat(server.secretKey()).isEqualTo(secretKey);
            assertThat(store.stat(stored.key()).originalFileName()).isEqualTo("保留.pdf");
            assertThat(store.verify(stored.key(), stored.digests()).matches()).isTrue();
            try (InputStream in = store.get(stored.key())) {
                assertThat(Digests.of(in)).isEqualTo(stored.digests());
            }
        }
    }

    @Test
    void generated_credentials_are_readable_by_the_owner_only() throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDirectory, 0)) {
            Path credentials = dataDirectory.resolve("credentials.properties");

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
            assertThat(Files.readString(credentials)).contains(server.accessKey()).contains(server.secretKey());
            assertThat(server.secretKey()).hasSize(40);
        }
    }

    @Test
    void the_server_listens_on_loopback_at_the_port_it_reports() throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDirectory, 0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + server.port());
        }
    }

    @Test
    void a_client_with_the_wrong_secret_is_refused() throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start(dataDirectory, 0)) {
            DocumentStoreConfig wrong = DocumentStoreConfig.of(server.endpoint(), server.accessKey(), "not-the-secret",
                    "guarded");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DocumentStore.open(wrong).close())
                    .isInstanceOf(DocumentStoreException.class);
        }
    }
}
