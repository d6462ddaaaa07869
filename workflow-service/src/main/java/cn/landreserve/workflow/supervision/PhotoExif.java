package cn.landreserve.workflow.supervision;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * A photo's time and position, read from its EXIF by metadata-extractor: the original date-time (its offset tag when
 * the camera wrote one, else China time, as phones here record local time), else the GPS time stamp (UTC); the GPS
 * position. Either may be missing; unreadable metadata gives neither.
 */
final class PhotoExif {

    private static final TimeZone CHINA = TimeZone.getTimeZone("Asia/Shanghai");

    record Read(Instant takenAt, Double longitude, Double latitude) {}

    private PhotoExif() {
    }

    static Read read(byte[] photo) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo), photo.length);
        } catch (ImageProcessingException | IOException e) {
            return new Read(null, null, null);
        }
        Instant taken = null;
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null) {
            Date original = exif.getDateOriginal(CHINA);
            taken = original == null ? null : original.toInstant();
        }
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        if (taken == null && gps != null && gps.getGpsDate() != null) {
            taken = gps.getGpsDate().toInstant();
        }
        GeoLocation at = gps == null ? null : gps.getGeoLocation();
        if (at == null || at.isZero()) {
            return new Read(taken, null, null);
        }
        return new Read(taken, at.getLongitude(), at.getLatitude());
    }
}
