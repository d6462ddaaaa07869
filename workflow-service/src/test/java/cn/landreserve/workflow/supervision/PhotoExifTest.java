package cn.landreserve.workflow.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PhotoExifTest {

    @Test
    void reads_the_time_taken_as_china_time_and_the_gps_position() {
        Instant taken = Instant.parse("2026-11-30T02:15:00Z");
        PhotoExif.Read read = PhotoExif.read(TestPhotos.jpeg(taken, 117.0123, 36.0456));
        assertThat(read.takenAt()).isEqualTo(taken);
        assertThat(read.longitude()).isCloseTo(117.0123, within(1e-6));
        assertThat(read.latitude()).isCloseTo(36.0456, within(1e-6));
    }

    @Test
    void a_photo_without_exif_and_bytes_that_are_no_image_give_neither_time_nor_position() {
        PhotoExif.Read bare = PhotoExif.read(TestPhotos.jpeg(null, null, null));
        assertThat(bare.takenAt()).isNull();
        assertThat(bare.longitude()).isNull();
        PhotoExif.Read garbage = PhotoExif.read(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        assertThat(garbage.takenAt()).isNull();
        assertThat(garbage.latitude()).isNull();
    }
}
