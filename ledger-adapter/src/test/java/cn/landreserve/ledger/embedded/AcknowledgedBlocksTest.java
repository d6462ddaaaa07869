package cn.landreserve.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.ledger.Anchoring;
import cn.landreserve.ledger.LedgerUnavailableException;
import cn.landreserve.ledger.support.TestRecords;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is ever cut: a torn tail is cut at start only above the acknowledgement mark; a block at or
 * below it that is cut short or missing refuses the start, naming the block.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AcknowledgedBlocksTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final Logger blockStoreLogger = Logger.getLogger(BlockStore.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        blockStoreLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        blockStoreLogger.removeHandler(capture);
    }

    private EmbeddedLedger open() throws Exception {
        return EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults());
    }

    private Path blockFile() {
        return dir.resolve("blocks/blockfile_000000");
    }

    /** Blocks 0 (genesis) to 5, one document each after the genesis; every one acknowledged to its caller. */
    private long fiveAcknowledgedBlocks() throws Exception {
        try (EmbeddedLedger ledger = open()) {
            for (int i = 1; i <= 5; i++) {
                Anchoring anchoring = ledger.anchorDocument(TestRecords.document("P1", "doc-" + i));
                assertThat(anchoring.blockNumber()).isEqualTo(i);
            }
        }
        return Files.size(blockFile());
    }

    @Test
    void cutting_50_bytes_off_an_acknowledged_last_block_refuses_the_start_naming_it_and_cuts_nothing() throws Exception {
        long size = fiveAcknowledgedBlocks();
        long fifth = frameOf(blockFile(), 5);
        truncate(blockFile(), size - 50);

        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class, e -> {
            assertThat(e.blockNumber()).isEqualTo(5);
            assertThat(e.getMessage()).isEqualTo("block 5: block file blockfile_000000 ends inside block 5 (offset "
                    + fifth + ", " + (size - 50 - fifth) + " bytes of it left),"
                    + " but blocks up to 5 were acknowledged to their callers;"
                    + " the ledger's chain is damaged or was tampered with");
        });
        assertThat(Files.size(blockFile())).as("nothing repaired").isEqualTo(size - 50);
        assertThat(log).noneMatch(line -> line.contains("cut"));
    }

    @Test
    void cutting_into_an_earlier_acknowledged_block_names_that_block() throws Exception {
        fiveAcknowledgedBlocks();
        long third = frameOf(blockFile(), 3);
        truncate(blockFile(), third + 20);

        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class, e -> {
            assertThat(e.blockNumber()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("block 3: block file blockfile_000000 ends inside block 3")
                    .endsWith("the ledger's chain is damaged or was tampered with");
        });
    }

    @Test
    void removing_whole_acknowledged_blocks_at_a_frame_boundary_refuses_the_start() throws Exception {
        fiveAcknowledgedBlocks();
        truncate(blockFile(), frameOf(blockFile(), 4));

        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class, e -> {
            assertThat(e.blockNumber()).isEqualTo(4);
            assertThat(e.getMessage()).isEqualTo("block 4: block 4 is missing: the block files end after block 3,"
                    + " but blocks up to 5 were acknowledged to their callers;"
                    + " the ledger's chain is damaged or was tampered with");
        });
    }

    @Test
    void deleting_every_block_file_does_not_start_a_fresh_ledger_beside_the_mark() throws Exception {
        fiveAcknowledgedBlocks();
        Files.delete(blockFile());

        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class,
                e -> assertThat(e.blockNumber()).isZero());
        assertThat(blockFile()).as("no new genesis block written").doesNotExist();
    }

    @Test
    void a_never_acknowledged_partial_write_is_cut_and_the_log_says_which_block_and_bytes() throws Exception {
        long size = fiveAcknowledgedBlocks();
        // What a process killed in the middle of appending block 6 leaves: a frame header and part of the block.
        byte[] partial = ByteBuffer.allocate(8 + 300).putInt(2000).putInt(crcOfLength(2000)).array();
        Files.write(blockFile(), partial, StandardOpenOption.APPEND);

        try (EmbeddedLedger ledger = open()) {
            assertThat(ledger.height()).isEqualTo(6);
            assertThat(ledger.findById("doc-5")).isPresent();
            assertThat(ledger.anchorDocument(TestRecords.document("P1", "doc-6")).blockNumber()).isEqualTo(6);
        }
        assertThat(log).containsExactly("WARNING cut a never-acknowledged partial write of block 6: bytes " + size
                + ".." + (size + 308) + " (308 bytes) of " + blockFile() + "; blocks up to 5 were acknowledged and"
                + " are whole");
        try (EmbeddedLedger ledger = open()) {
            assertThat(ledger.height()).isEqualTo(7);
        }
    }

    @Test
    void a_whole_block_written_but_never_acknowledged_is_kept_and_the_mark_raised() throws Exception {
        fiveAcknowledgedBlocks();
        // The process stopped after block 5 reached the disk and before the mark did: the mark still says 4.
        writeMark(4);

        try (EmbeddedLedger ledger = open()) {
            assertThat(ledger.height()).isEqualTo(6);
            assertThat(ledger.findById("doc-5")).isPresent();
        }
        assertThat(log).containsExactly("INFO blocks 5..5 are whole but were never acknowledged (the process stopped"
                + " before answering); kept, and the mark raised to 5");
        // Block 5 is acknowledged now: cutting into it refuses the next start.
        truncate(blockFile(), Files.size(blockFile()) - 10);
        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class,
                e -> assertThat(e.blockNumber()).isEqualTo(5));
    }

    @Test
    void a_ledger_without_a_mark_takes_its_whole_blocks_as_acknowledged_but_refuses_a_torn_tail() throws Exception {
        long size = fiveAcknowledgedBlocks();
        Files.delete(dir.resolve("blocks/acknowledged"));
        try (EmbeddedLedger ledger = open()) {
            assertThat(ledger.height()).isEqualTo(6);
        }
        assertThat(dir.resolve("blocks/acknowledged")).exists();

        Files.delete(dir.resolve("blocks/acknowledged"));
        truncate(blockFile(), size - 50);
        assertThatThrownBy(this::open).isInstanceOfSatisfying(CorruptChainException.class, e -> {
            assertThat(e.blockNumber()).isEqualTo(5);
            assertThat(e.getMessage()).contains("there is no acknowledgement mark");
        });
    }

    @Test
    void a_damaged_mark_refuses_the_start() throws Exception {
        fiveAcknowledgedBlocks();
        Files.write(dir.resolve("blocks/acknowledged"), new byte[32]);

        assertThatThrownBy(this::open).isExactlyInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("acknowledgement mark").hasMessageContaining("damaged or was tampered with");
    }

    @Test
    void the_mark_follows_every_block_and_survives_a_torn_write_of_one_slot() throws Exception {
        fiveAcknowledgedBlocks();
        byte[] mark = Files.readAllBytes(dir.resolve("blocks/acknowledged"));
        assertThat(mark).hasSize(32);
        assertThat(Math.max(ByteBuffer.wrap(mark, 0, 8).getLong(), ByteBuffer.wrap(mark, 16, 8).getLong())).isEqualTo(5);
        // The slot holding 5 torn: the other slot (4) is the answer, and block 5 is kept as whole.
        int newest = ByteBuffer.wrap(mark, 0, 8).getLong() == 5 ? 0 : 16;
        mark[newest + 3] ^= 0x40;
        Files.write(dir.resolve("blocks/acknowledged"), mark);
        try (EmbeddedLedger ledger = open()) {
            assertThat(ledger.height()).isEqualTo(6);
        }
    }

    @Test
    void a_required_height_beyond_the_stored_blocks_refuses_naming_the_first_missing_block() throws Exception {
        fiveAcknowledgedBlocks();
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults(), 6)) {
            assertThat(ledger.height()).isEqualTo(6);
        }
        assertThatThrownBy(() -> EmbeddedLedger.open(dir, EmbeddedLedgerOptions.defaults(), 8))
                .isInstanceOfSatisfying(CorruptChainException.class, e -> {
                    assertThat(e.blockNumber()).isEqualTo(6);
                    assertThat(e.getMessage()).isEqualTo("block 6: block 6 is missing: the ledger ends after block 5,"
                            + " but evidence is known to be anchored in block 7;"
                            + " the ledger's chain is damaged or was tampered with");
                });
        try (EmbeddedLedger ledger = open()) {
            assertThat(ledger.height()).as("a refused open changes nothing").isEqualTo(6);
        }
    }

    @Test
    void a_required_height_over_an_empty_directory_refuses_and_creates_nothing() throws Exception {
        Path empty = dir.resolve("gone");
        assertThatThrownBy(() -> EmbeddedLedger.open(empty, EmbeddedLedgerOptions.defaults(), 3))
                .isInstanceOfSatisfying(CorruptChainException.class, e -> assertThat(e.blockNumber()).isZero());
        assertThat(empty).doesNotExist();
    }

    private void writeMark(long block) throws Exception {
        ByteBuffer slot = ByteBuffer.allocate(16).putLong(block);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(slot.array(), 0, 8);
        slot.putInt((int) crc.getValue());
        ByteBuffer both = ByteBuffer.allocate(32).put(slot.array()).put(slot.array());
        Files.write(dir.resolve("blocks/acknowledged"), both.array());
    }

    private static int crcOfLength(int length) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(length).array());
        return (int) crc.getValue();
    }

    private static void truncate(Path file, long size) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    /** Where block {@code number}'s frame starts: each frame is length and its CRC (8 bytes), the block, its CRC (4). */
    private static long frameOf(Path blockFile, int number) throws Exception {
        byte[] bytes = Files.readAllBytes(blockFile);
        int offset = 0;
        for (int block = 0; block < number; block++) {
            offset += 8 + ByteBuffer.wrap(bytes, offset, 4).getInt() + 4;
        }
        return offset;
    }
}
