package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;

import cn.landreserve.workflow.kernel.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The refusals of a boundary file: one stable code each, with the feature and the place that is wrong. */
final class GeometryRules {

    /** China with its seas, generously: a parcel outside is a mistake (swapped axes, wrong CRS), not a parcel. */
    static final double MIN_LONGITUDE = 73;
    static final double MAX_LONGITUDE = 136;
    static final double MIN_LATITUDE = 3;
    static final double MAX_LATITUDE = 54;

    private GeometryRules() {
    }

    static DomainException malformed(String message) {
        return new DomainException(INVALID, "GEOJSON_MALFORMED", message);
    }

    static DomainException invalid(String code, String message, int feature, double[] location) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("feature", feature);
        if (location != null) {
            details.put("location", java.util.List.of(location[0], location[1]));
        }
        return new DomainException(INVALID, code, message, details);
    }

    static boolean insideExtent(double longitude, double latitude) {
        return longitude >= MIN_LONGITUDE && longitude <= MAX_LONGITUDE
                && latitude >= MIN_LATITUDE && latitude <= MAX_LATITUDE;
    }
}
