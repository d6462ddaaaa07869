package cn.landreserve.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.landreserve.documents.DocumentRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal names its reason and leaves the bucket as it found it: no objects, no unfinished uploads. */
class PutRejectionTest {

    private static final int MiB = 1024 * 1024;
    private static final long LIMIT = 12L * MiB;
    private static final AtomicInteger buckets = new AtomicInteger();

    @TempDir
    static Path dataDirectory;

    private static EmbeddedS3Server server;
    private DocumentStore store;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedS3Server.start(dataDirectory, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void openFreshBucket() throws Exception {
        store = DocumentStore.open(server.clientConfig("rejections-" + buckets.incrementAndGet())
                .withPartSize(5 * MiB, 3)
                .withMaxSizeBytes(LIMIT));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private DocumentRejectedException refused(InputStream in, long declaredSize) {
        return catchThrowableOfType(DocumentRejectedException.class, () -> store.put(in, "x.pdf", declaredSize));
    }

    private void assertBucketEmpty() throws Exception {
        assertThat(store.objectStore().listKeys()).as("objects").isEmpty();
        assertThat(store.objectStore().listIncompleteUploads()).as("incomplete multipart uploads").isEmpty();
    }

    @Test
    void the_emptiness_check_does_see_an_unfinished_multipart_upload() throws Exception {
        String key = store.newKey();
        String uploadId = store.objectStore().createUpload(key, "application/pdf", Map.of());

        assertThat(store.objectStore().listIncompleteUploads()).containsExactly(key + " " + uploadId);

        store.objectStore().abortUpload(key, uploadId);
        assertBucketEmpty();
    }

    @Test
    void put_refuses_an_empty_stream_and_leaves_nothing_behind() throws Exception {
        DocumentRejectedException e = refused(InputStream.nullInputStream(), -1);

        assertThat(e.reason()).isEqualTo(Reason.EMPTY);
        assertThat(e.key()).isPresent();
        assertBucketEmpty();
    }

    @Test
    void put_refuses_a_declared_size_of_zero_without_reading() throws Exception {
        assertThat(refused(new SeededStream(1, 10), 0).reason()).isEqualTo(Reason.EMPTY);
        assertBucketEmpty();
    }

    @Test
    void put_refuses_a_declared_size_over_the_limit_without_reading() throws Exception {
        InputStream untouched = new ThrowingStream(new SeededStream(1, 10), 0);

        assertThat(refused(untouched, LIMIT + 1).reason()).isEqualTo(Reason.TOO_LARGE);
        assertBucketEmpty();
    }

    @Test
    void put_aborts_a_stream_of_unknown_length_that_grows_over_the_limit_and_leaves_nothing_behind() throws Exception {
        DocumentRejectedException e = refused(new SeededStream(2, 40L * MiB), -1);

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains(String.valueOf(LIMIT));
        assertBucketEmpty();
    }

    @Test
    void put_accepts_a_stream_of_exactly_the_limit() throws Exception {
        StoredDocument stored = store.put(new SeededStream(3, LIMIT), "limit.pdf");

        assertThat(stored.size()).isEqualTo(LIMIT);
    }

    @Test
    void put_aborts_when_the_declared_size_lies_low_and_leaves_nothing_behind() throws Exception {
        DocumentRejectedException e = refused(new SeededStream(4, 11L * MiB), 6L * MiB);

        assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH);
        assertBucketEmpty();
    }

    @Test
    void put_aborts_when_the_stream_ends_before_the_declared_size_and_leaves_nothing_behind() throws Exception {
        assertThat(refused(new SeededStream(5, 11L * MiB), 11L * MiB + 1).reason()).isEqualTo(Reason.SIZE_MISMATCH);
        assertThat(refused(new SeededStream(5, 100), 101).reason()).isEqualTo(Reason.SIZE_MISMATCH);
        assertBucketEmpty();
    }

    @Test
    void put_refuses_content_of_a_type_not_allowed_naming_the_detected_type() throws Exception {
        byte[] elf = new byte[4096];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2;
        elf[5] = 1;
        elf[6] = 1;
        DocumentRejectedException e = refused(new ByteArrayInputStream(elf), -1);

        assertThat(e.reason()).isEqualTo(Reason.TYPE_NOT_ALLOWED);
        assertThat(e.detectedType()).isPresent();
        assertThat(e.getMessage()).contains(e.detectedType().get());
        assertBucketEmpty();
    }

    @Test
    void put_refuses_html_even_when_it_is_named_like_a_pdf() throws Exception {
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        DocumentRejectedException e = refused(new ByteArrayInputStream(html), html.length);

        assertThat(e.reason()).isEqualTo(Reason.TYPE_NOT_ALLOWED);
        assertThat(e.detectedType()).contains("text/html");
        assertBucketEmpty();
    }

    @Test
    void put_refuses_a_stream_that_fails_before_the_first_part_and_leaves_nothing_behind() throws Exception {
        DocumentRejectedException e = refused(new ThrowingStream(new SeededStream(6, 20L * MiB), 100_000), -1);

        assertThat(e.reason()).isEqualTo(Reason.SOURCE_FAILED);
        assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("disk unplugged");
        assertBucketEmpty();
    }

    @Test
    void put_refuses_a_stream_that_fails_halfway_through_a_multipart_upload_and_leaves_nothing_behind()
            throws Exception {
        DocumentRejectedException e = refused(new ThrowingStream(new SeededStream(7, 20L * MiB), 11L * MiB + 5), -1);

        assertThat(e.reason()).isEqualTo(Reason.SOURCE_FAILED);
        assertBucketEmpty();
    }

    @Test
    void after_refusals_the_store_still_stores_and_its_buffers_are_all_back() throws Exception {
        for (int i = 0; i < 4; i++) {
            refused(new ThrowingStream(new SeededStream(8, 20L * MiB), 11L * MiB), -1);
        }
        assertThat(store.bufferPool().outstanding()).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoredDocument stored = store.put(new SeededStream(9, 11L * MiB), "after.pdf");
        store.get(stored.key()).transferTo(out);

        assertThat(Digests.of(out.toByteArray())).isEqualTo(stored.digests());
        assertThat(store.bufferPool().outstanding()).isZero();
    }

    @Test
    void a_store_for_a_server_that_is_not_there_cannot_be_opened() {
        DocumentStoreConfig nowhere = DocumentStoreConfig.of(java.net.URI.create("http://127.0.0.1:1"), "a", "b",
                "nowhere");

        assertThatThrownBy(() -> DocumentStore.open(nowhere)).isInstanceOf(DocumentStoreException.class)
                .hasMessageContaining("nowhere");
    }

    /** Passes through {@code failAfter} bytes, then throws. */
    private static final class ThrowingStream extends InputStream {
        private final InputStream in;
        private long left;

        ThrowingStream(InputStream in, long failAfter) {
            this.in = in;
            this.left = failAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("disk unplugged");
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
