package cn.landreserve.documents;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of part-sized buffers shared by all puts of one store: the bound on the heap that ingest
 * uses, whatever the file sizes and however many puts run at once. Buffers are allocated on first use and
 * kept.
 */
final class BufferPool {

    private final int bufferSize;
    private final int capacity;
    private final BlockingQueue<byte[]> free;
    private final AtomicInteger allocated = new AtomicInteger();

    BufferPool(int bufferSize, int capacity) {
        this.bufferSize = bufferSize;
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** A free buffer, waiting for one to be given back when all are in use. */
    byte[] take() throws InterruptedException {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (allocated.getAndUpdate(n -> n < capacity ? n + 1 : n) < capacity) {
            return new byte[bufferSize];
        }
        return free.take();
    }

    void give(byte[] buffer) {
        if (buffer.length != bufferSize || !free.offer(buffer)) {
            throw new IllegalStateException("a buffer was given back that the pool did not hand out");
        }
    }

    int bufferSize() {
        return bufferSize;
    }

    /** Buffers handed out and not given back. */
    int outstanding() {
        return allocated.get() - free.size();
    }

    int capacity() {
        return capacity;
    }
}
