package cn.landreserve.ledger.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Append-only block files. Each block is one frame:
 * {@code [u32 length][u32 CRC32C of the length][block bytes][u32 CRC32C of the block bytes]}, and
 * the file is forced to disk before an append returns. Segments roll at {@link #SEGMENT_LIMIT}.
 *
 * <p>On opening, a frame cut short at the very end of the last segment is a write that was never
 * acknowledged (the process died mid-append) and is cut off; any other damage is corruption of a
 * named block and is reported, never repaired.
 */
final class BlockStore implements AutoCloseable {
    static final long SEGMENT_LIMIT = 64L * 1024 * 1024;
    private static final int HEADER = 8;
    private static final int TRAILER = 4;
    private static final String PREFIX = "blockfile_";

    private final Path dir;
    private final List<Path> segments = new ArrayList<>();
    private final List<long[]> index = new ArrayList<>(); // block number → {segment, offset of body, length}
    private final List<FileChannel> readers = new ArrayList<>();
    private FileChannel writer;
    private long writerSize;

    private BlockStore(Path dir) {
        this.dir = dir;
    }

    /** What scanning found: block bytes in order, or the first damaged block. */
    interface Visitor {
        void block(long number, byte[] bytes) throws CorruptChainException;
    }

    /** Opens the store, visiting every stored block in order. */
    static BlockStore open(Path dir, Visitor visitor) throws IOException, CorruptChainException {
        Files.createDirectories(dir);
        BlockStore store = new BlockStore(dir);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted().forEach(store.segments::add);
        }
        for (int s = 0; s < store.segments.size(); s++) {
            if (!store.segments.get(s).getFileName().toString().equals(segmentName(s))) {
                throw new CorruptChainException(store.index.size(), "block file " + segmentName(s) + " is missing");
            }
            store.scan(s, s == store.segments.size() - 1, visitor);
        }
        if (store.segments.isEmpty()) {
            store.segments.add(dir.resolve(segmentName(0)));
        }
        for (Path segment : store.segments) {
            store.readers.add(FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE));
        }
        store.openWriter();
        return store;
    }

    private static String segmentName(int segment) {
        return String.format("%s%06d", PREFIX, segment);
    }

    private void scan(int segment, boolean last, Visitor visitor) throws IOException, CorruptChainException {
        Path file = segments.get(segment);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (position < size) {
                long number = index.size();
                if (size - position < HEADER) {
                    cutTornTail(channel, position, last, number);
                    return;
                }
                header.clear();
                readFully(channel, header, position);
                int length = header.getInt(0);
                if (crc(header.array(), 0, 4) != header.getInt(4) || length < 0) {
                    throw new CorruptChainException(number, "frame header is damaged (checksum mismatch)");
                }
                if (size - position - HEADER < (long) length + TRAILER) {
                    cutTornTail(channel, position, last, number);
                    return;
                }
                ByteBuffer body = ByteBuffer.allocate(length + TRAILER);
                readFully(channel, body, position + HEADER);
                byte[] bytes = new byte[length];
                body.get(0, bytes);
                if (crc(bytes, 0, length) != body.getInt(length)) {
                    throw new CorruptChainException(number, "stored bytes are damaged (checksum mismatch)");
                }
                visitor.block(number, bytes);
                index.add(new long[] {segment, position + HEADER, length});
                position += HEADER + length + TRAILER;
            }
        }
    }

    private static void cutTornTail(FileChannel channel, long position, boolean last, long number)
            throws IOException, CorruptChainException {
        if (!last) {
            throw new CorruptChainException(number, "block file ends inside the block");
        }
        System.getLogger(BlockStore.class.getName()).log(System.Logger.Level.WARNING,
                "cutting an unacknowledged partial block " + number + " at offset " + position);
        channel.truncate(position);
        channel.force(true);
    }

    private void openWriter() throws IOException {
        int current = segments.size() - 1;
        writer = FileChannel.open(segments.get(current), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writerSize = writer.size();
        writer.position(writerSize);
        syncDirectory();
    }

    /** Number of stored blocks. */
    synchronized long height() {
        return index.size();
    }

    /** Appends a block and forces it to disk; the block is durable when this returns. */
    synchronized void append(byte[] block) throws IOException {
        if (writerSize > 0 && writerSize + block.length + HEADER + TRAILER > SEGMENT_LIMIT) {
            writer.close();
            segments.add(dir.resolve(segmentName(segments.size())));
            openWriter();
            readers.add(FileChannel.open(segments.get(segments.size() - 1), StandardOpenOption.READ));
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER + block.length + TRAILER);
        frame.putInt(block.length);
        frame.putInt(crc(frame.array(), 0, 4));
        frame.put(block);
        frame.putInt(crc(block, 0, block.length));
        frame.flip();
        long start = writerSize;
        try {
            while (frame.hasRemaining()) {
                writer.write(frame);
            }
            writer.force(false);
        } catch (IOException e) {
            try {
                writer.truncate(start);
                writer.position(start);
            } catch (IOException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
        writerSize = start + frame.limit();
        index.add(new long[] {segments.size() - 1, start + HEADER, block.length});
    }

    /** The bytes of a stored block. */
    byte[] read(long number) throws IOException {
        long[] location;
        FileChannel reader;
        synchronized (this) {
            if (number < 0 || number >= index.size()) {
                throw new IOException("no block " + number);
            }
            location = index.get((int) number);
            reader = readers.get((int) location[0]);
        }
        ByteBuffer body = ByteBuffer.allocate((int) location[2]);
        readFully(reader, body, location[1]);
        return body.array();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of block file");
            }
            at += n;
        }
    }

    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // Not every platform can open a directory; the file's own force still holds its data.
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        for (FileChannel channel : readers) {
            try {
                channel.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (writer != null) {
            writer.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
