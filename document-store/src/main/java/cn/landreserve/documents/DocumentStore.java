package cn.landreserve.documents;

import cn.landreserve.documents.VerificationReport.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Stores documents in an S3 bucket and answers for their integrity.
 *
 * <p>{@link #put} reads a stream once: it detects the media type from the first bytes (refusing types not on
 * the allow-list), computes SHA-256 and SM3 on a separate thread while the bytes are uploaded, and returns the
 * generated key with both digests. Heap use is bounded by {@code uploadBuffers × partSize} for all puts
 * together, whatever the file sizes. A refused or failed put leaves nothing in the bucket.
 *
 * <p>Thread-safe. Close it to release its HTTP connections and threads.
 */
public final class DocumentStore implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,32}/\\d{4}/\\d{2}/[0-9a-f-]{36}");
    /** 64 KiB: an ordinary young-generation array (1 MiB ones are humongous for G1 and cost a GC pause each few). */
    private static final int VERIFY_BUFFER = 1 << 16;

    private final DocumentStoreConfig config;
    private final S3ObjectStore store;
    private final BufferPool pool;
    private final ExecutorService digestThreads;
    private final Clock clock;

    private DocumentStore(DocumentStoreConfig config, S3ObjectStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.pool = new BufferPool(config.partSize(), config.uploadBuffers());
        AtomicInteger threads = new AtomicInteger();
        this.digestThreads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "document-digest-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to the S3 endpoint, creates the bucket if it is missing and switches on versioning and object lock
     * where the server supports them (see {@link #health()}).
     *
     * @throws DocumentStoreException if the bucket cannot be found or created
     */
    public static DocumentStore open(DocumentStoreConfig config) throws DocumentStoreException {
        Objects.requireNonNull(config, "config");
        S3ObjectStore store = new S3ObjectStore(config);
        try {
            store.ensureBucket();
        } catch (DocumentStoreException | RuntimeException e) {
            store.close();
            throw e;
        }
        return new DocumentStore(config, store, Clock.systemUTC());
    }

    /**
     * Stores a document whose length is not known in advance. Equivalent to {@code put(content, name, -1)}.
     */
    public StoredDocument put(InputStream content, String originalFileName) throws DocumentStoreException {
        return put(content, originalFileName, -1);
    }

    /**
     * Stores a document, reading {@code content} once to its end (the caller closes it).
     *
     * @param originalFileName the name the user gave, kept as metadata and returned as is (any characters); it is
     *     never part of the key
     * @param declaredSize the length the client announced, or -1 if unknown; a stream that turns out longer or
     *     shorter is refused
     * @throws DocumentRejectedException if the content is empty, too large, of a type not allowed, not of the
     *     declared length, or the stream failed; nothing is left in the bucket
     * @throws DocumentStoreException if the S3 server failed; nothing is left in the bucket
     */
    public StoredDocument put(InputStream content, String originalFileName, long declaredSize)
            throws DocumentStoreException {
        Objects.requireNonNull(content, "content");
        if (declaredSize < -1) {
            throw new IllegalArgumentException("declaredSize must be -1 (unknown) or >= 0, got " + declaredSize);
        }
        String name = FileNames.keepable(originalFileName);
        Ingest.Result r = ingest(true).put(newKey(), content, declaredSize,
                Map.of(S3ObjectStore.META_ORIGINAL_NAME, FileNames.encode(name)));
        return new StoredDocument(r.key(), r.size(), r.digests().orElseThrow(), r.mediaType(), name, r.versionId());
    }

    /**
     * Withdraws a document that was stored but never accepted (its upload was refused after the bytes arrived). On
     * a WORM bucket the locked version stays, hidden under a delete marker, until its retention ends.
     */
    public void withdraw(String key) throws DocumentStoreException {
        store.remove(checkKey(key));
    }

    /** Streams the whole document; the caller closes the stream. */
    public InputStream get(String key) throws DocumentStoreException {
        return store.get(checkKey(key), null);
    }

    /** Streams exactly the bytes of {@code range}; the caller closes the stream. */
    public InputStream getRange(String key, ByteRange range) throws DocumentStoreException {
        return store.get(checkKey(key), Objects.requireNonNull(range, "range"));
    }

    /** Size, media type, original file name and version of a stored document, without reading it. */
    public DocumentInfo stat(String key) throws DocumentStoreException {
        S3ObjectStore.ObjectStat s = store.stat(checkKey(key));
        String encodedName = s.userMetadata().get(S3ObjectStore.META_ORIGINAL_NAME);
        return new DocumentInfo(key, s.size(), s.contentType() == null ? "application/octet-stream" : s.contentType(),
                encodedName == null ? "unnamed" : FileNames.decode(encodedName), s.versionId(), s.lastModified());
    }

    /**
     * Re-reads the stored bytes and recomputes both digests: MATCH, MISMATCH (with expected and actual digests)
     * or MISSING when there is no object under the key.
     *
     * @throws DocumentStoreException if the object exists but cannot be read to its end
     */
    public VerificationReport verify(String key, Digests expected) throws DocumentStoreException {
        Objects.requireNonNull(expected, "expected");
        checkKey(key);
        DualDigest digest = new DualDigest();
        long read = 0;
        try (InputStream in = store.get(key, null)) {
            byte[] buffer = new byte[VERIFY_BUFFER];
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                digest.update(buffer, 0, n);
                read += n;
            }
        } catch (DocumentNotFoundException e) {
            return new VerificationReport(key, Outcome.MISSING, expected, Optional.empty(), 0);
        } catch (IOException e) {
            throw new DocumentStoreException(key, "reading the object for verification failed after " + read + " bytes",
                    e);
        }
        Digests actual = digest.finish();
        return new VerificationReport(key, actual.equals(expected) ? Outcome.MATCH : Outcome.MISMATCH, expected,
                Optional.of(actual), read);
    }

    /** Reachability of the server and whether versioning and object lock are in force, asked afresh. */
    public StoreHealth health() {
        return store.health();
    }

    public DocumentStoreConfig config() {
        return config;
    }

    /** Every object key in the bucket, as the server lists them. */
    public List<String> keys() throws DocumentStoreException {
        return store.listKeys();
    }

    /**
     * "key uploadId" of every multipart upload that was started and neither completed nor aborted: parts stored
     * on the server that belong to no object.
     */
    public List<String> incompleteUploads() throws DocumentStoreException {
        return store.listIncompleteUploads();
    }

    @Override
    public void close() {
        digestThreads.shutdownNow();
        store.close();
    }

    // --- package-private: tests and the benchmark -------------------------------------------------------------------

    /** An ingest; {@code hashing=false} is the benchmark's baseline: the same upload path without digests. */
    Ingest ingest(boolean hashing) {
        return new Ingest(store, pool, digestThreads, config.maxSizeBytes(), hashing);
    }

    BufferPool bufferPool() {
        return pool;
    }

    S3ObjectStore objectStore() {
        return store;
    }

    String newKey() {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        return String.format("%s/%04d/%02d/%s", config.keyPrefix(), now.getYear(), now.getMonthValue(),
                UUID.randomUUID());
    }

    private static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a document key: '" + key + "'");
        }
        return key;
    }
}
