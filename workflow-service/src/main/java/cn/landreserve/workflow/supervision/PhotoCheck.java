package cn.landreserve.workflow.supervision;

import java.time.Instant;
import java.util.List;

/**
 * What a photo's EXIF says and how it agrees with the inspection: when it was taken, where, how far that is from
 * the project's parcels, and the problems found ({@code NO_EXIF_TIME}, {@code NO_EXIF_POSITION},
 * {@code OUTSIDE_PARCEL}, {@code TIME_MISMATCH}, {@code NO_PARCELS}). A flagged photo is kept and shown as flagged.
 */
public record PhotoCheck(int index, Instant takenAt, Double longitude, Double latitude, Double distanceMeters,
        Long minutesFromInspection, List<String> problems) {

    public boolean flagged() {
        return !problems.isEmpty();
    }
}
