package cn.landreserve.documents;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Computes SHA-256 and SM3 on its own thread, fed in order with chunks, so that hashing overlaps reading
 * and uploading. The queue holds at most as many chunks as the buffer pool has buffers, which bounds it.
 */
final class Digester {

    private static final Chunk END = new Chunk(new byte[0], 0, null, 1);

    private final BlockingQueue<Chunk> queue;
    private final CompletableFuture<Digests> result = new CompletableFuture<>();
    private volatile boolean cancelled;

    /** @param capacity how many chunks may wait; never fewer than the buffers that can be in flight */
    Digester(Executor executor, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity + 2);
        executor.execute(this::run);
    }

    /** Hands the chunk over (waiting while the queue is full); the digester releases it once hashed. */
    void accept(Chunk chunk) throws InterruptedException {
        queue.put(chunk);
    }

    /** Waits for every chunk handed over to be hashed. */
    Digests finish() throws InterruptedException {
        queue.put(END);
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }

    /** Stops hashing and waits until every chunk handed over has been released unhashed. */
    void cancel() {
        cancelled = true;
        queue.offer(END); // room is reserved for it: the queue holds two more than the buffers in flight
        try {
            result.get();
        } catch (ExecutionException ignored) {
            // cancelled anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        DualDigest digest = new DualDigest();
        try {
            for (Chunk chunk; (chunk = queue.take()) != END; ) {
                try {
                    if (!cancelled) {
                        digest.update(chunk.data(), 0, chunk.length());
                    }
                } finally {
                    chunk.release();
                }
            }
            result.complete(cancelled ? null : digest.finish());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Chunk chunk; (chunk = queue.poll()) != null; ) {
                if (chunk != END) {
                    chunk.release();
                }
            }
            result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            for (Chunk chunk; (chunk = queue.poll()) != null; ) {
                if (chunk != END) {
                    chunk.release();
                }
            }
            result.completeExceptionally(e);
            throw e;
        }
    }
}
