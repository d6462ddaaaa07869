package cn.landreserve.workflow.supervision;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Real JPEG photos with the EXIF a phone writes: the local time it was taken and its GPS position. */
public final class TestPhotos {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private TestPhotos() {
    }

    /** A small JPEG taken at {@code takenAt} (written as China local time) at the position, if given. */
    public static byte[] jpeg(Instant takenAt, Double longitude, Double latitude) {
        try {
            BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(90, 140, 60));
            g.fillRect(0, 0, 64, 48);
            g.setColor(Color.DARK_GRAY);
            g.fillRect(20, 10, 24, 20);
            g.dispose();
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", plain);
            if (takenAt == null && longitude == null) {
                return plain.toByteArray();
            }
            TiffOutputSet exif = new TiffOutputSet();
            if (takenAt != null) {
                exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TIME.format(takenAt));
            }
            if (longitude != null) {
                exif.setGpsInDegrees(longitude, latitude);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), out, exif);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
