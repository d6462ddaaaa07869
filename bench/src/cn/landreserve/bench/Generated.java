package cn.landreserve.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * {@code size} bytes of a "PDF": a PDF header, then one random 1 MiB block over and over, so the source costs
 * next to nothing and holds 1 MiB of heap whatever the size. Remembers when the last byte was read.
 */
final class Generated extends InputStream {

    private static final byte[] HEAD = "%PDF-1.4\n% land reserve ingest benchmark\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BLOCK = new byte[1 << 20];

    static {
        new Random(20261124).nextBytes(BLOCK);
    }

    private final long size;
    private long pos;
    volatile long drainedAtNanos;

    Generated(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= size) {
            if (drainedAtNanos == 0) {
                drainedAtNanos = System.nanoTime();
            }
            return -1;
        }
        int n = (int) Math.min(len, size - pos);
        int done = 0;
        while (done < n) {
            long p = pos + done;
            int chunk;
            if (p < HEAD.length) {
                chunk = (int) Math.min(n - done, HEAD.length - p);
                System.arraycopy(HEAD, (int) p, b, off + done, chunk);
            } else {
                int at = (int) ((p - HEAD.length) % BLOCK.length);
                chunk = Math.min(n - done, BLOCK.length - at);
                System.arraycopy(BLOCK, at, b, off + done, chunk);
            }
            done += chunk;
        }
        pos += n;
        return n;
    }
}
