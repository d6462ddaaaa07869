package cn.landreserve.documents;

import cn.landreserve.documents.DocumentRejectedException.Reason;
import cn.landreserve.documents.S3ObjectStore.PartTag;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One put: reads the source once, detecting the media type from the first {@link MediaTypes#PREFIX} bytes, and
 * hands each part-sized buffer both to the digester thread and to the S3 upload, so reading, hashing and
 * uploading overlap. Any refusal or failure leaves nothing behind: the multipart upload is aborted after the
 * parts in flight have settled.
 */
final class Ingest {

    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    /** What was stored; digests are absent only when hashing was switched off (benchmark baseline). */
    record Result(String key, long size, Optional<Digests> digests, String mediaType, Optional<String> versionId) {}

    private final S3ObjectStore store;
    private final BufferPool pool;
    private final Executor digestThreads;
    private final long maxSize;
    private final boolean hashing;

    Ingest(S3ObjectStore store, BufferPool pool, Executor digestThreads, long maxSize, boolean hashing) {
        this.store = store;
        this.pool = pool;
        this.digestThreads = digestThreads;
        this.maxSize = maxSize;
        this.hashing = hashing;
    }

    /**
     * @param declaredSize the size the caller claims, or -1 when unknown
     * @param metadata user metadata (ASCII values) to store with the object
     */
    Result put(String key, InputStream source, long declaredSize, Map<String, String> metadata)
            throws DocumentStoreException {
        if (declaredSize == 0) {
            throw new DocumentRejectedException(key, Reason.EMPTY, "declared size is 0: empty documents are refused");
        }
        if (declaredSize > maxSize) {
            throw new DocumentRejectedException(key, Reason.TOO_LARGE,
                    "declared size " + declaredSize + " bytes is over the limit of " + maxSize + " bytes");
        }
        return new Run(key, source, declaredSize, metadata).execute();
    }

    /** The state of one put. */
    private final class Run {
        private final String key;
        private final InputStream source;
        private final long declaredSize;
        private final Map<String, String> metadata;
        private final Digester digester;
        private final List<CompletableFuture<PartTag>> parts = new ArrayList<>();
        private byte[] held; // a pooled buffer being filled, not yet handed over
        private String uploadId;
        private long total;

        Run(String key, InputStream source, long declaredSize, Map<String, String> metadata) {
            this.key = key;
            this.source = source;
            this.declaredSize = declaredSize;
            this.metadata = metadata;
            this.digester = hashing ? new Digester(digestThreads, pool.capacity()) : null;
        }

        Result execute() throws DocumentStoreException {
            boolean done = false;
            try {
                Result result = ingest();
                done = true;
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DocumentStoreException(key, "interrupted while storing", e);
            } finally {
                if (!done) {
                    cleanUp();
                }
            }
        }

        private Result ingest() throws DocumentStoreException, InterruptedException {
            byte[] head = new byte[MediaTypes.PREFIX];
            int headLength = fill(head, 0);
            if (headLength == 0) {
                throw new DocumentRejectedException(key, Reason.EMPTY, "the stream is empty: empty documents are refused");
            }
            String mediaType = MediaTypes.detect(head, headLength);
            if (!MediaTypes.allowed(mediaType)) {
                throw new DocumentRejectedException(key, Reason.TYPE_NOT_ALLOWED,
                        "content detected as " + mediaType + ", which is not an allowed document type", mediaType, null);
            }
            if (headLength < head.length) { // the whole document fits the detection prefix
                checkDeclaredSize();
                hash(new Chunk(head, headLength, null, hashing ? 1 : 0));
                Optional<String> version = store.putObject(key, head, headLength, mediaType, metadata);
                return new Result(key, total, digests(), mediaType, version);
            }
            held = pool.take();
            System.arraycopy(head, 0, held, 0, headLength);
            int length = fill(held, headLength);
            if (length < held.length) { // the whole document fits one part: one request
                checkDeclaredSize();
                byte[] buffer = held;
                held = null;
                Chunk chunk = new Chunk(buffer, length, pool, hashing ? 2 : 1);
                hash(chunk);
                try {
                    Optional<String> version = store.putObject(key, buffer, length, mediaType, metadata);
                    return new Result(key, total, digests(), mediaType, version);
                } finally {
                    chunk.release();
                }
            }
            uploadId = store.createUpload(key, mediaType, metadata);
            int partNumber = 0;
            while (true) {
                byte[] buffer = held;
                held = null;
                Chunk chunk = new Chunk(buffer, length, pool, hashing ? 2 : 1);
                hash(chunk);
                upload(++partNumber, chunk);
                if (length < buffer.length) {
                    break; // that was the last, short part
                }
                failFast();
                held = pool.take();
                length = fill(held, 0);
                if (length == 0) {
                    pool.give(held);
                    held = null;
                    break;
                }
            }
            checkDeclaredSize();
            List<PartTag> tags = new ArrayList<>(parts.size());
            for (CompletableFuture<PartTag> part : parts) {
                tags.add(store.awaitPart(key, part));
            }
            Optional<Digests> digests = digests();
            Optional<String> version = store.completeUpload(key, uploadId, tags);
            uploadId = null;
            return new Result(key, total, digests, mediaType, version);
        }

        /** Reads into {@code buffer} from {@code offset} until it is full or the stream ends; returns the fill level. */
        private int fill(byte[] buffer, int offset) throws DocumentRejectedException {
            int position = offset;
            try {
                while (position < buffer.length) {
                    int n = source.read(buffer, position, buffer.length - position);
                    if (n < 0) {
                        break;
                    }
                    position += n;
                    total += n;
                    if (total > maxSize) {
                        throw new DocumentRejectedException(key, Reason.TOO_LARGE,
                                "the stream is over the limit of " + maxSize + " bytes"
                                        + (declaredSize > 0 ? " (declared " + declaredSize + ")" : ""));
                    }
                    if (declaredSize > 0 && total > declaredSize) {
                        throw new DocumentRejectedException(key, Reason.SIZE_MISMATCH,
                                "the stream is longer than the declared " + declaredSize + " bytes");
                    }
                }
            } catch (IOException e) {
                throw new DocumentRejectedException(key, Reason.SOURCE_FAILED,
                        "reading the source failed after " + total + " bytes: " + e.getMessage(), null, e);
            }
            return position;
        }

        private void checkDeclaredSize() throws DocumentRejectedException {
            if (declaredSize > 0 && total != declaredSize) {
                throw new DocumentRejectedException(key, Reason.SIZE_MISMATCH,
                        "the stream ended after " + total + " bytes, but " + declaredSize + " were declared");
            }
        }

        private void hash(Chunk chunk) throws InterruptedException {
            if (digester != null) {
                digester.accept(chunk);
            }
        }

        private Optional<Digests> digests() throws InterruptedException {
            return digester == null ? Optional.empty() : Optional.of(digester.finish());
        }

        private void upload(int partNumber, Chunk chunk) throws DocumentStoreException {
            CompletableFuture<PartTag> part;
            try {
                part = store.uploadPart(key, uploadId, partNumber, chunk.data(), chunk.length());
            } catch (DocumentStoreException | RuntimeException e) {
                chunk.release();
                throw e;
            }
            parts.add(part.whenComplete((tag, failure) -> chunk.release()));
        }

        /** Stops reading as soon as a part upload has failed. */
        private void failFast() throws DocumentStoreException {
            for (CompletableFuture<PartTag> part : parts) {
                if (part.isCompletedExceptionally()) {
                    store.awaitPart(key, part);
                }
            }
        }

        /** Gives buffers back, stops hashing and removes the unfinished upload once no part is in flight. */
        private void cleanUp() {
            if (held != null) {
                pool.give(held);
                held = null;
            }
            if (digester != null) {
                digester.cancel();
            }
            for (CompletableFuture<PartTag> part : parts) {
                try {
                    part.get(5, TimeUnit.MINUTES);
                } catch (ExecutionException ignored) {
                    // the failure is already being reported, or was caused by it
                } catch (TimeoutException e) {
                    log.warn("part upload for {} still running after 5 minutes; aborting anyway", key);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (uploadId != null) {
                try {
                    store.abortUpload(key, uploadId);
                } catch (DocumentStoreException e) {
                    log.error("could not abort multipart upload {} of {}; it must be aborted by hand or by a"
                            + " bucket lifecycle rule", uploadId, key, e);
                }
            }
        }
    }
}
