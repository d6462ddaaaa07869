package cn.landreserve.ledger.embedded;

import cn.landreserve.ledger.LedgerUnavailableException;
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
 * After each append the {@link AcknowledgementMark} is raised to the new block, durably, before the
 * block's callers are answered.
 *
 * <p>On opening, a frame cut short at the very end of the last segment is cut off only when it lies
 * above the acknowledgement mark: a write that was never acknowledged (the process died mid-append),
 * and the log says which block and which bytes were cut. A block at or below the mark that is cut
 * short or missing, and any other damage, is reported naming the block ({@link CorruptChainException})
 * and never repaired.
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
    private AcknowledgementMark mark;
    private TornTail tornTail;

    /** A frame cut short at the end of the last segment: block {@code block} starts at {@code offset}. */
    private record TornTail(Path file, long block, long offset, long size) {
    }

    private BlockStore(Path dir) {
        this.dir = dir;
    }

    /** What scanning found: block bytes in order, or the first damaged block. */
    interface Visitor {
        void block(long number, byte[] bytes) throws CorruptChainException;
    }

    /**
     * Opens the store, visiting every stored block in order, and checks the blocks against the
     * acknowledgement mark: a torn tail above it is cut (and logged), one at or below it, or blocks
     * missing below it, refuse the start.
     */
    static BlockStore open(Path dir, Visitor visitor) throws IOException, LedgerUnavailableException {
        Files.createDirectories(dir);
        BlockStore store = new BlockStore(dir);
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted().forEach(store.segments::add);
        }
        boolean hadBlocks = !store.segments.isEmpty();
        store.mark = AcknowledgementMark.open(dir);
        try {
            for (int s = 0; s < store.segments.size(); s++) {
                if (!store.segments.get(s).getFileName().toString().equals(segmentName(s))) {
                    throw new CorruptChainException(store.index.size(), "block file " + segmentName(s) + " is missing");
                }
                store.scan(s, s == store.segments.size() - 1, visitor);
            }
            store.reconcileWithMark(hadBlocks);
            if (store.segments.isEmpty()) {
                store.segments.add(dir.resolve(segmentName(0)));
            }
            for (Path segment : store.segments) {
                store.readers.add(FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE));
            }
            store.openWriter();
            return store;
        } catch (IOException | LedgerUnavailableException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * What the scan found against what was acknowledged: cut a never-acknowledged torn tail, refuse a
     * cut inside or below the mark, and raise the mark over whole blocks written but never
     * acknowledged (the process died between the block's fsync and the mark's).
     */
    private void reconcileWithMark(boolean hadBlocks) throws IOException, CorruptChainException {
        long acknowledged = mark.value();
        if (!mark.existed() && hadBlocks) {
            if (tornTail != null) {
                throw new CorruptChainException(tornTail.block(), "block file " + tornTail.file().getFileName()
                        + " ends inside block " + tornTail.block() + " (offset " + tornTail.offset() + ", "
                        + (tornTail.size() - tornTail.offset()) + " bytes of it) and there is no acknowledgement mark ("
                        + mark.file() + ") to show that it was never acknowledged");
            }
            log(System.Logger.Level.INFO, "no acknowledgement mark in " + dir + " (a ledger written before marks"
                    + " existed, or the mark was removed): every one of the " + index.size() + " whole blocks is taken"
                    + " as acknowledged");
        } else if (tornTail != null) {
            if (tornTail.block() <= acknowledged) {
                throw new CorruptChainException(tornTail.block(), "block file " + tornTail.file().getFileName()
                        + " ends inside block " + tornTail.block() + " (offset " + tornTail.offset() + ", "
                        + (tornTail.size() - tornTail.offset()) + " bytes of it left), but blocks up to "
                        + acknowledged + " were acknowledged to their callers");
            }
            try (FileChannel channel = FileChannel.open(tornTail.file(), StandardOpenOption.WRITE)) {
                channel.truncate(tornTail.offset());
                channel.force(true);
            }
            log(System.Logger.Level.WARNING, "cut a never-acknowledged partial write of block " + tornTail.block()
                    + ": bytes " + tornTail.offset() + ".." + tornTail.size() + " (" + (tornTail.size()
                    - tornTail.offset()) + " bytes) of " + tornTail.file() + "; blocks up to " + acknowledged
                    + " were acknowledged and are whole");
        }
        long last = index.size() - 1;
        if (last < acknowledged) {
            throw new CorruptChainException(last + 1, "block " + (last + 1) + " is missing: "
                    + (last < 0 ? "there are no block files" : "the block files end after block " + last)
                    + ", but blocks up to " + acknowledged + " were acknowledged to their callers");
        }
        if (last > acknowledged) {
            if (mark.existed() && acknowledged >= 0) {
                log(System.Logger.Level.INFO, "blocks " + (acknowledged + 1) + ".." + last + " are whole but were never"
                        + " acknowledged (the process stopped before answering); kept, and the mark raised to " + last);
            }
            mark.advance(last);
        }
    }

    private static void log(System.Logger.Level level, String message) {
        System.getLogger(BlockStore.class.getName()).log(level, message);
    }

    private static String segmentName(int segment) {
        return String.format("%s%06d", PREFIX, segment);
    }

    private void scan(int segment, boolean last, Visitor visitor) throws IOException, CorruptChainException {
        Path file = segments.get(segment);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (position < size) {
                long number = index.size();
                if (size - position < HEADER) {
                    tornTail(file, position, size, last, number);
                    return;
                }
                header.clear();
                readFully(channel, header, position);
                int length = header.getInt(0);
                if (crc(header.array(), 0, 4) != header.getInt(4) || length < 0) {
                    throw new CorruptChainException(number, "frame header is damaged (checksum mismatch)");
                }
                if (size - position - HEADER < (long) length + TRAILER) {
                    tornTail(file, position, size, last, number);
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

    /** Notes a frame cut short at {@code position}; only the end of the last segment may be one. */
    private void tornTail(Path file, long position, long size, boolean last, long number) throws CorruptChainException {
        if (!last) {
            throw new CorruptChainException(number, "block file " + file.getFileName() + " ends inside the block");
        }
        tornTail = new TornTail(file, number, position, size);
    }

    private void openWriter() throws IOException {
        int current = segments.size() - 1;
        writer = FileChannel.open(segments.get(current), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writerSize = writer.size();
        writer.position(writerSize);
        syncDirectory(dir);
    }

    /** Number of stored blocks. */
    synchronized long height() {
        return index.size();
    }

    /**
     * Appends a block, forces it to disk, then raises the acknowledgement mark to it: the block is
     * durable, and will never be cut, when this returns — its callers may be answered.
     */
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
        mark.advance(index.size() - 1);
    }

    /** The highest block acknowledged to callers, or -1. */
    long acknowledged() {
        return mark.value();
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

    static void syncDirectory(Path dir) {
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
        if (mark != null) {
            mark.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
