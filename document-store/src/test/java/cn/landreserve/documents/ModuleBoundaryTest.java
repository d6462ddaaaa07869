package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ModuleBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/cn/landreserve/documents");

    @Test
    void only_s3_object_store_imports_the_s3_client_library() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<String> importers = files.filter(f -> read(f).contains("import io.minio."))
                    .map(f -> f.getFileName().toString()).toList();
            assertThat(importers).containsExactly("S3ObjectStore.java");
        }
        assertThat(Modifier.isPublic(S3ObjectStore.class.getModifiers())).isFalse();
    }

    @Test
    void only_embedded_s3_server_imports_s3proxy() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            assertThat(files.filter(f -> read(f).contains("import org.gaul.")).map(f -> f.getFileName().toString()))
                    .containsExactly("EmbeddedS3Server.java");
        }
    }

    @Test
    void the_public_api_is_the_facade_its_values_and_its_exceptions() throws IOException {
        Set<String> publicTypes;
        try (Stream<Path> files = Files.list(SOURCES)) {
            publicTypes = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .filter(n -> Modifier.isPublic(load(n).getModifiers()))
                    .collect(Collectors.toSet());
        }
        assertThat(publicTypes).containsExactlyInAnyOrder("DocumentStore", "DocumentStoreConfig", "EmbeddedS3Server",
                "StoredDocument", "DocumentInfo", "Digests", "VerificationReport", "ByteRange", "StoreHealth",
                "RetentionMode", "ContentDisposition", "DocumentStoreException", "DocumentRejectedException",
                "DocumentNotFoundException");
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName("cn.landreserve.documents." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
