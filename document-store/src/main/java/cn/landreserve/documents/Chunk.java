package cn.landreserve.documents;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytes {@code data[0, length)} of one part, shared by the threads that hash and upload it; the buffer goes
 * back to its pool when the last holder releases it.
 */
final class Chunk {

    private final byte[] data;
    private final int length;
    private final BufferPool pool;
    private final AtomicInteger holders;

    Chunk(byte[] data, int length, BufferPool pool, int holders) {
        this.data = data;
        this.length = length;
        this.pool = pool;
        this.holders = new AtomicInteger(holders);
    }

    byte[] data() {
        return data;
    }

    int length() {
        return length;
    }

    void release() {
        int left = holders.decrementAndGet();
        if (left == 0 && pool != null) {
            pool.give(data);
        } else if (left < 0) {
            throw new IllegalStateException("chunk released more often than it was held");
        }
    }
}
