package cn.landreserve.workflow.parcel;

import java.util.Optional;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The coordinate systems parcels may be given in: CGCS2000 geographic (EPSG:4490) and its 3-degree Gauss-Krüger
 * zones, with the zone number in the false easting (EPSG:4513–4533, zones 25–45) or without it (EPSG:4534–4554,
 * central meridians 75°E–135°E). The CGCS2000 ellipsoid differs from GRS80 only in the 11th digit of the flattening,
 * far below a square millimetre of parcel area, so proj4j's GRS80 definition is used.
 */
public record Cgcs2000(int epsg, double centralMeridian, double falseEasting) {

    public static final int GEOGRAPHIC = 4490;
    private static final CRSFactory FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    private static final CoordinateReferenceSystem LONG_LAT =
            FACTORY.createFromParameters("CGCS2000", "+proj=longlat +ellps=GRS80 +no_defs");

    /** The CRS of an {@code EPSG:n} name, if it is one of the supported CGCS2000 systems. */
    public static Optional<Cgcs2000> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip();
        String code = n.startsWith("EPSG:") ? n.substring(5)
                : n.startsWith("urn:ogc:def:crs:EPSG::") ? n.substring("urn:ogc:def:crs:EPSG::".length()) : null;
        if (code == null || !code.matches("\\d{4}")) {
            return Optional.empty();
        }
        int epsg = Integer.parseInt(code);
        if (epsg == GEOGRAPHIC) {
            return Optional.of(geographic());
        }
        if (epsg >= 4513 && epsg <= 4533) {
            int zone = epsg - 4513 + 25;
            return Optional.of(new Cgcs2000(epsg, zone * 3, zone * 1_000_000d + 500_000d));
        }
        if (epsg >= 4534 && epsg <= 4554) {
            return Optional.of(new Cgcs2000(epsg, 75 + (epsg - 4534) * 3, 500_000d));
        }
        return Optional.empty();
    }

    public static Cgcs2000 geographic() {
        return new Cgcs2000(GEOGRAPHIC, 0, 0);
    }

    /**
     * A Gauss-Krüger plane whose central meridian is this longitude (an "arbitrary central meridian" plane, as
     * surveys use for local work): lengths within 0.1° of the meridian are off by less than 2 in 10^7, so areas
     * computed in it are, to well below 0.001%, the areas on the ellipsoid. A 3-degree zone's edge would be off by
     * up to 0.06% in area.
     */
    public static Cgcs2000 planeFor(double longitude) {
        double meridian = Math.round(longitude * 1_000_000d) / 1_000_000d;
        return new Cgcs2000(0, meridian, 500_000d);
    }

    public boolean isGeographic() {
        return epsg == GEOGRAPHIC;
    }

    /** {@code EPSG:n}, or for a local plane {@code CGCS2000 / Gauss-Kruger CM <longitude>E}. */
    public String name() {
        return epsg > 0 ? "EPSG:" + epsg : "CGCS2000 / Gauss-Kruger CM " + Boundaries.plain(centralMeridian) + "E";
    }

    private CoordinateReferenceSystem crs() {
        return FACTORY.createFromParameters(name(), "+proj=tmerc +lat_0=0 +lon_0=" + centralMeridian
                + " +k=1 +x_0=" + (long) falseEasting + " +y_0=0 +ellps=GRS80 +units=m +no_defs");
    }

    /** Longitude/latitude to this plane (x = easting, y = northing). Not for the geographic CRS. */
    public Transform fromLongLat() {
        return new Transform(TRANSFORMS.createTransform(LONG_LAT, crs()));
    }

    /** This plane to longitude/latitude. */
    public Transform toLongLat() {
        return new Transform(TRANSFORMS.createTransform(crs(), LONG_LAT));
    }

    /** One direction of a projection; not thread-safe, make one per use. */
    public static final class Transform {
        private final CoordinateTransform transform;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        Transform(CoordinateTransform transform) {
            this.transform = transform;
        }

        public double[] apply(double x, double y) {
            in.x = x;
            in.y = y;
            transform.transform(in, out);
            return new double[] {out.x, out.y};
        }
    }
}
