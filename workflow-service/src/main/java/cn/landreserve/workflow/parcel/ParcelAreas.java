package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;

import cn.landreserve.workflow.kernel.DomainException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Parcels in a Gauss-Krüger plane, where areas are in square metres: the zone they were given in (the surveyed
 * plane's own area), or, for longitude/latitude, a Gauss-Krüger plane whose central meridian runs through their
 * centre, where the projection's scale error is negligible (see {@link Cgcs2000#planeFor}).
 */
public final class ParcelAreas {

    /** Parcels of one project may touch but not overlap by more than this (square metres): survey slivers. */
    static final double OVERLAP_SLIVER = 1.0;

    /** A parcel's name and area. */
    public record ParcelArea(String name, BigDecimal areaSquareMeters) {}

    /** The overlap of one parcel with the red line. */
    public record Overlap(String parcel, BigDecimal parcelAreaSquareMeters, BigDecimal overlapSquareMeters,
            BigDecimal share, boolean touches) {}

    private final Boundaries parcels;
    private final Cgcs2000 plane;
    private final List<Geometry> planar;

    private ParcelAreas(Boundaries parcels, Cgcs2000 plane, List<Geometry> planar) {
        this.parcels = parcels;
        this.plane = plane;
        this.planar = planar;
    }

    /** Projects the parcels; refuses parcels that overlap each other. */
    public static ParcelAreas of(Boundaries parcels) throws DomainException {
        Cgcs2000 plane;
        List<Geometry> planar = new ArrayList<>();
        if (parcels.crs().isGeographic()) {
            Envelope extent = parcels.longLatUnion().getEnvelopeInternal();
            plane = Cgcs2000.planeFor((extent.getMinX() + extent.getMaxX()) / 2);
            for (Boundaries.Boundary b : parcels.features()) {
                planar.add(Planar.transform(b.source(), plane.fromLongLat()));
            }
        } else {
            plane = parcels.crs();
            parcels.features().forEach(b -> planar.add(b.source()));
        }
        for (int i = 0; i < planar.size(); i++) {
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(planar.get(i));
            for (int j = i + 1; j < planar.size(); j++) {
                if (prepared.intersects(planar.get(j))) {
                    double shared = planar.get(i).intersection(planar.get(j)).getArea();
                    if (shared > OVERLAP_SLIVER) {
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("features", List.of(i, j));
                        details.put("overlapSquareMeters", round(shared, 2));
                        throw new DomainException(INVALID, "PARCELS_OVERLAP", "parcels "
                                + parcels.features().get(i).name() + " and " + parcels.features().get(j).name()
                                + " overlap by " + round(shared, 2) + " m²", details);
                    }
                }
            }
        }
        return new ParcelAreas(parcels, plane, planar);
    }

    /** The plane the areas are computed in. */
    public Cgcs2000 plane() {
        return plane;
    }

    public List<ParcelArea> areas() {
        List<ParcelArea> out = new ArrayList<>();
        for (int i = 0; i < planar.size(); i++) {
            out.add(new ParcelArea(parcels.features().get(i).name(), round(planar.get(i).getArea(), 2)));
        }
        return out;
    }

    public BigDecimal totalSquareMeters() {
        return round(planar.stream().mapToDouble(Geometry::getArea).sum(), 2);
    }

    /** Each parcel's overlap with the red line, computed in this plane. */
    public List<Overlap> overlapWith(Boundaries redLine) {
        Geometry line = Planar.transform(redLine.longLatUnion(), plane.fromLongLat());
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(line);
        List<Overlap> out = new ArrayList<>();
        for (int i = 0; i < planar.size(); i++) {
            Geometry parcel = planar.get(i);
            double area = parcel.getArea();
            double overlap = prepared.intersects(parcel) ? parcel.intersection(line).getArea() : 0;
            boolean touches = overlap == 0 && prepared.intersects(parcel);
            out.add(new Overlap(parcels.features().get(i).name(), round(area, 2), round(overlap, 2),
                    round(overlap / area, 6), touches));
        }
        return out;
    }

    /** How far a longitude/latitude point is from the nearest parcel, in metres; 0 inside one. */
    public double distanceMeters(double longitude, double latitude) {
        double[] xy = plane.fromLongLat().apply(longitude, latitude);
        org.locationtech.jts.geom.Point point = Boundaries.JTS.createPoint(new org.locationtech.jts.geom.Coordinate(xy[0], xy[1]));
        return planar.stream().mapToDouble(p -> p.distance(point)).min().orElse(Double.POSITIVE_INFINITY);
    }

    static BigDecimal round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN);
    }
}
