package cn.landreserve.ledger.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The names and encryption flags of a ZIP file's entries, read from its central directory (APPNOTE 4.3.12, 4.3.16):
 * {@code java.util.zip} refuses an encrypted entry without saying so by type, so the flag is read here.
 * ZIP64 archives are read through their ZIP64 end record.
 */
final class ZipDirectory {

    /** One central directory record. */
    record Entry(String name, boolean encrypted) {
    }

    private static final int EOCD = 0x06054b50;
    private static final int EOCD64_LOCATOR = 0x07064b50;
    private static final int EOCD64 = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int MAX_COMMENT = 0xFFFF;

    private ZipDirectory() {
    }

    static List<Entry> read(Path zip) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + MAX_COMMENT + 20);
            ByteBuffer end = read(ch, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new IOException("no end of central directory record: not a ZIP file");
            }
            long entries = Short.toUnsignedLong(end.getShort(eocd + 10));
            long cdSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
            long cdOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
            if (eocd >= 20 && end.getInt(eocd - 20) == EOCD64_LOCATOR) {
                long eocd64At = end.getLong(eocd - 20 + 8);
                ByteBuffer e64 = read(ch, eocd64At, 56);
                if (e64.getInt(0) != EOCD64) {
                    throw new IOException("ZIP64 end record missing where its locator points");
                }
                entries = e64.getLong(32);
                cdSize = e64.getLong(40);
                cdOffset = e64.getLong(48);
            }
            if (cdOffset + cdSize > size || cdSize > Integer.MAX_VALUE) {
                throw new IOException("central directory outside the file");
            }
            ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
            List<Entry> out = new ArrayList<>();
            int at = 0;
            for (long n = 0; n < entries; n++) {
                if (at + 46 > cd.limit() || cd.getInt(at) != CENTRAL) {
                    throw new IOException("central directory record " + n + " is damaged");
                }
                int flags = Short.toUnsignedInt(cd.getShort(at + 8));
                int nameLength = Short.toUnsignedInt(cd.getShort(at + 28));
                int extraLength = Short.toUnsignedInt(cd.getShort(at + 30));
                int commentLength = Short.toUnsignedInt(cd.getShort(at + 32));
                if (at + 46 + nameLength > cd.limit()) {
                    throw new IOException("central directory record " + n + " is cut short");
                }
                byte[] name = new byte[nameLength];
                cd.get(at + 46, name);
                out.add(new Entry(new String(name, StandardCharsets.UTF_8), (flags & 1) != 0));
                at += 46 + nameLength + extraLength + commentLength;
            }
            return out;
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        if (position < 0) {
            throw new IOException("not a ZIP file");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("ZIP file cut short");
            }
        }
        return buffer.flip();
    }
}
