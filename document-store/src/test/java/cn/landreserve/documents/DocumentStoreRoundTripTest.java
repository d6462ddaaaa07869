package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.documents.StoreHealth.FeatureState;
import cn.landreserve.documents.VerificationReport.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over real HTTP against the embedded S3 server, one server for the class. */
class DocumentStoreRoundTripTest {

    private static final int MiB = 1024 * 1024;

    @TempDir
    static Path dataDirectory;

    private static EmbeddedS3Server server;
    private static DocumentStore store;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedS3Server.start(dataDirectory, 0);
        store = DocumentStore.open(server.clientConfig("roundtrip")
                .withPartSize(5 * MiB, 4)
                .withObjectLock(30, RetentionMode.COMPLIANCE));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_one_byte_document_round_trips_byte_for_byte() throws Exception {
        StoredDocument stored = store.put(new ByteArrayInputStream(new byte[] {'A'}), "a.txt");

        assertThat(stored.size()).isEqualTo(1);
        assertThat(stored.mediaType()).isEqualTo("text/plain");
        assertThat(stored.digests()).isEqualTo(Digests.of(new byte[] {'A'}));
        try (InputStream in = store.get(stored.key())) {
            assertThat(in.readAllBytes()).containsExactly('A');
        }
    }

    @Test
    void a_five_mebibyte_document_round_trips_byte_for_byte() throws Exception {
        byte[] bytes = new SeededStream(5, 5 * MiB).readAllBytes();

        StoredDocument stored = store.put(new ByteArrayInputStream(bytes), "five.pdf", bytes.length);

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.mediaType()).isEqualTo("application/pdf");
        assertThat(stored.digests()).isEqualTo(Digests.of(bytes));
        try (InputStream in = store.get(stored.key())) {
            assertThat(Arrays.equals(in.readAllBytes(), bytes)).isTrue();
        }
    }

    @Test
    void a_300_mebibyte_stream_of_unknown_length_round_trips_and_its_digests_are_independently_right()
            throws Exception {
        long size = 300L * MiB + 12_345;
        Digests independent = Digests.of(new SeededStream(300, size));

        StoredDocument stored = store.put(new SeededStream(300, size), "大文件.pdf");

        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.digests()).isEqualTo(independent);
        try (InputStream in = store.get(stored.key())) {
            assertThat(Digests.of(in)).isEqualTo(independent);
        }
        assertThat(store.verify(stored.key(), independent).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void a_document_exactly_one_part_long_round_trips() throws Exception {
        long size = 5L * MiB;
        StoredDocument stored = store.put(new SeededStream(51, size), "one-part.pdf");

        assertThat(stored.digests()).isEqualTo(Digests.of(new SeededStream(51, size)));
        assertThat(store.stat(stored.key()).size()).isEqualTo(size);
    }

    @Test
    void a_document_of_exactly_two_parts_round_trips() throws Exception {
        long size = 10L * MiB;
        StoredDocument stored = store.put(new SeededStream(52, size), "two-parts.pdf", size);

        try (InputStream in = store.get(stored.key())) {
            assertThat(Digests.of(in)).isEqualTo(Digests.of(new SeededStream(52, size)));
        }
    }

    @Test
    void range_reads_return_exactly_the_requested_bytes() throws Exception {
        byte[] bytes = new SeededStream(11, 12 * MiB + 7).readAllBytes();
        StoredDocument stored = store.put(new ByteArrayInputStream(bytes), "ranges.pdf");

        for (ByteRange range : List.of(new ByteRange(0, 1), new ByteRange(0, 64 * 1024), new ByteRange(5 * MiB - 3, 10),
                new ByteRange(7 * MiB + 1, 3 * MiB), new ByteRange(bytes.length - 1, 1),
                new ByteRange(bytes.length - 100, 100))) {
            try (InputStream in = store.getRange(stored.key(), range)) {
                byte[] expected = Arrays.copyOfRange(bytes, (int) range.offset(), (int) (range.offset() + range.length()));
                assertThat(Arrays.equals(in.readAllBytes(), expected)).as("range %s", range).isTrue();
            }
        }
    }

    @Test
    void a_chinese_original_file_name_survives_put_and_stat_exactly() throws Exception {
        String name = "土地储备 项目实施方案（第2版）\"终稿\"%20;.pdf";
        StoredDocument stored = store.put(new SeededStream(3, 1000), name);

        DocumentInfo info = store.stat(stored.key());

        assertThat(stored.originalFileName()).isEqualTo(name);
        assertThat(info.originalFileName()).isEqualTo(name);
        assertThat(info.mediaType()).isEqualTo("application/pdf");
        assertThat(info.size()).isEqualTo(1000);
        assertThat(stored.key()).matches("doc/\\d{4}/\\d{2}/[0-9a-f-]{36}").doesNotContain("土地");
    }

    @Test
    void the_media_type_comes_from_the_content_not_from_the_file_name() throws Exception {
        StoredDocument stored = store.put(new SeededStream(4, 2000), "looks-like-a-picture.png");

        assertThat(stored.mediaType()).isEqualTo("application/pdf");
        assertThat(store.stat(stored.key()).mediaType()).isEqualTo("application/pdf");
    }

    @Test
    void verify_reports_match_for_untouched_bytes() throws Exception {
        byte[] bytes = "地块编号,面积\nA-1,100\nA-2,200\n".getBytes(StandardCharsets.UTF_8);
        StoredDocument stored = store.put(new ByteArrayInputStream(bytes), "parcels.csv");

        VerificationReport report = store.verify(stored.key(), stored.digests());

        assertThat(stored.mediaType()).isEqualTo("text/csv");
        assertThat(report.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(report.actual()).contains(stored.digests());
        assertThat(report.bytesRead()).isEqualTo(bytes.length);
    }

    @Test
    void a_byte_flipped_on_the_servers_disk_is_reported_as_mismatch_with_both_digests() throws Exception {
        long size = 6L * MiB + 1;
        StoredDocument stored = store.put(new SeededStream(21, size), "tampered.pdf");
        Path file = fileOnDisk(stored.key());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(size / 2);
            int b = raf.read();
            raf.seek(size / 2);
            raf.write(b ^ 0x01);
        }

        VerificationReport report = store.verify(stored.key(), stored.digests());

        assertThat(report.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(report.expected()).isEqualTo(stored.digests());
        assertThat(report.actual()).isPresent();
        assertThat(report.actual().get().sha256Hex()).isNotEqualTo(stored.digests().sha256Hex());
        assertThat(report.actual().get().sm3Hex()).isNotEqualTo(stored.digests().sm3Hex());
        assertThat(report.differingDigests()).isEqualTo("SHA-256 and SM3");
        assertThat(report.bytesRead()).isEqualTo(size);
    }

    @Test
    void verify_reports_missing_for_a_key_with_no_object() throws Exception {
        String key = store.newKey();
        Digests expected = Digests.of(new byte[] {1});

        VerificationReport report = store.verify(key, expected);

        assertThat(report.outcome()).isEqualTo(Outcome.MISSING);
        assertThat(report.actual()).isEmpty();
        assertThatThrownBy(() -> store.stat(key)).isInstanceOf(DocumentNotFoundException.class)
                .satisfies(e -> assertThat(((DocumentStoreException) e).key()).contains(key));
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(DocumentNotFoundException.class);
    }

    @Test
    void keys_that_were_not_generated_by_the_store_are_refused() {
        assertThatThrownBy(() -> store.get("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stat("doc/2026/11/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void health_shows_the_embedded_server_reachable_without_versioning_or_object_lock() {
        StoreHealth health = store.health();

        assertThat(health.reachable()).isTrue();
        assertThat(health.bucket()).isEqualTo("roundtrip");
        assertThat(health.versioning()).isEqualTo(FeatureState.UNSUPPORTED);
        assertThat(health.objectLock()).isEqualTo(FeatureState.UNSUPPORTED);
        assertThat(health.worm()).isFalse();
    }

    @Test
    void put_reports_no_version_where_the_server_keeps_none() throws Exception {
        assertThat(store.put(new SeededStream(8, 100), "v.pdf").versionId()).isEmpty();
    }

    /** The filesystem blob store keeps each object as a file named after the last key segment. */
    private static Path fileOnDisk(String key) throws IOException {
        String name = key.substring(key.lastIndexOf('/') + 1);
        try (Stream<Path> files = Files.walk(server.blobDirectory())) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(name) && Files.isRegularFile(p))
                    .toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
