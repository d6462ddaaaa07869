package cn.landreserve.documents;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A deterministic stream of {@code size} bytes: a PDF header (so the content is of an allowed type) followed by
 * bytes from a seeded generator. The same seed and size always give the same bytes, however they are read.
 */
final class SeededStream extends InputStream {

    static final byte[] PDF_HEADER = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);

    private final SplittableRandom random;
    private final long size;
    private final byte[] block = new byte[64 * 1024];
    private int blockPosition = block.length;
    private long position;
    private boolean headerWritten;

    SeededStream(long seed, long size) {
        this.random = new SplittableRandom(seed);
        this.size = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            if (blockPosition == block.length) {
                refill();
            }
            int chunk = Math.min(n - i, block.length - blockPosition);
            System.arraycopy(block, blockPosition, b, off + i, chunk);
            blockPosition += chunk;
            i += chunk - 1;
        }
        position += n;
        return n;
    }

    private void refill() {
        for (int i = 0; i < block.length; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) {
                block[i + j] = (byte) (v >>> (8 * j));
            }
        }
        if (!headerWritten) {
            System.arraycopy(PDF_HEADER, 0, block, 0, PDF_HEADER.length);
            headerWritten = true;
        }
        blockPosition = 0;
    }
}
