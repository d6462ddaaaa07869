package cn.landreserve.ledger.embedded;

import cn.landreserve.ledger.LedgerPhase;
import cn.landreserve.ledger.LedgerUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The highest block number whose commit was acknowledged to a caller, kept durably beside the block
 * files. The committer raises it after the block is on disk and before any caller of that block is
 * answered; a block at or below the mark must therefore be whole at the next start.
 *
 * <p>The file has two 16-byte slots, {@code [i64 block][u32 CRC32C of the 8 bytes][u32 0]}, written
 * alternately: a write torn by a crash leaves the other slot, which holds the previous mark — the
 * right answer, because the callers of the block being marked had not been answered yet. One
 * in-place overwrite and one {@code fdatasync} per block (not per transaction: a block carries every
 * transaction the group commit collected), and the file never changes size, so no metadata is
 * journalled for it.
 */
final class AcknowledgementMark implements AutoCloseable {
    static final String FILE = "acknowledged";
    /** The mark of a ledger in which nothing was acknowledged yet. */
    static final long NOTHING = -1;
    private static final int SLOT = 16;

    private final Path file;
    private final FileChannel channel;
    private final boolean existed;
    private long value;
    private int nextSlot;

    private AcknowledgementMark(Path file, FileChannel channel, boolean existed, long value, int nextSlot) {
        this.file = file;
        this.channel = channel;
        this.existed = existed;
        this.value = value;
        this.nextSlot = nextSlot;
    }

    /**
     * Opens the mark in {@code dir}, creating it (as "nothing acknowledged") if it is missing;
     * {@link #existed()} tells which.
     *
     * @throws LedgerUnavailableException when the file exists but neither slot is readable
     */
    static AcknowledgementMark open(Path dir) throws IOException, LedgerUnavailableException {
        Path file = dir.resolve(FILE);
        boolean existed = Files.exists(file);
        if (!existed) {
            Path temporary = dir.resolve(FILE + ".new");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer both = ByteBuffer.allocate(2 * SLOT);
                both.put(slot(NOTHING)).put(slot(NOTHING)).flip();
                while (both.hasRemaining()) {
                    out.write(both);
                }
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            BlockStore.syncDirectory(dir);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long[] slots = {read(channel, 0), read(channel, 1)};
            if (slots[0] == Long.MIN_VALUE && slots[1] == Long.MIN_VALUE) {
                throw new LedgerUnavailableException(LedgerPhase.OPEN, "the acknowledgement mark " + file + " is damaged (neither slot"
                        + " passes its checksum), so the ledger cannot tell which blocks were acknowledged to callers;"
                        + " the ledger directory is damaged or was tampered with");
            }
            int newest = slots[0] >= slots[1] ? 0 : 1;
            return new AcknowledgementMark(file, channel, existed, slots[newest], 1 - newest);
        } catch (IOException | LedgerUnavailableException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether the file was there before {@link #open}: a ledger written before marks existed has none. */
    boolean existed() {
        return existed;
    }

    /** The highest acknowledged block, or {@link #NOTHING}. */
    synchronized long value() {
        return value;
    }

    /** Raises the mark to {@code block} and forces it to disk; a lower or equal block changes nothing. */
    synchronized void advance(long block) throws IOException {
        if (block <= value) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(slot(block));
        long at = (long) nextSlot * SLOT;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        channel.force(false);
        value = block;
        nextSlot = 1 - nextSlot;
    }

    /** The file, for messages. */
    Path file() {
        return file;
    }

    private static byte[] slot(long block) {
        ByteBuffer slot = ByteBuffer.allocate(SLOT);
        slot.putLong(block);
        CRC32C crc = new CRC32C();
        crc.update(slot.array(), 0, Long.BYTES);
        slot.putInt((int) crc.getValue());
        return slot.array();
    }

    /** A slot's block number, or {@link Long#MIN_VALUE} when it is short or fails its checksum. */
    private static long read(FileChannel channel, int index) throws IOException {
        ByteBuffer slot = ByteBuffer.allocate(SLOT);
        long at = (long) index * SLOT;
        while (slot.hasRemaining()) {
            int n = channel.read(slot, at);
            if (n < 0) {
                return Long.MIN_VALUE;
            }
            at += n;
        }
        CRC32C crc = new CRC32C();
        crc.update(slot.array(), 0, Long.BYTES);
        long block = slot.getLong(0);
        return (int) crc.getValue() == slot.getInt(Long.BYTES) && block >= NOTHING ? block : Long.MIN_VALUE;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
