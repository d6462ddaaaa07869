package cn.landreserve.documents;

/** A run of {@code length} bytes starting at {@code offset} (both in bytes, offset counted from 0). */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (length <= 0) {
            throw new IllegalArgumentException("length must be > 0, got " + length);
        }
        if (offset + length < 0) {
            throw new IllegalArgumentException("offset + length overflows: " + offset + " + " + length);
        }
    }

    /** The inclusive index of the last byte in the range. */
    public long lastByte() {
        return offset + length - 1;
    }
}
