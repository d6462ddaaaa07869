package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.parcel.GeoJsonFixtures.collection;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.feature;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.polygon;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.ring;
import static cn.landreserve.workflow.parcel.GeoJsonFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real geometry: parcels and red lines whose overlaps are known by arithmetic (rectangles in a Gauss-Krüger plane,
 * where area is exact) or by an independent algorithm (GeographicLib's geodesic polygon area on the ellipsoid, for
 * longitude/latitude input), and the refusals of bad boundaries.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParcelGeometryTest {

    /** CGCS2000 / 3-degree Gauss-Krüger zone 39 (central meridian 117°E, false easting 39 500 000 m). */
    static final String ZONE_39 = "EPSG:4527";
    static final double E = 39_500_000;
    static final double N = 4_000_000;

    private static Boundaries read(String json) throws DomainException {
        return Boundaries.read(tree(json));
    }

    @Test
    void a_square_half_inside_the_red_line_overlaps_by_half_its_area() throws Exception {
        Boundaries parcels = read(collection(ZONE_39, feature("A", polygon(ring(E, N, E + 100, N + 100)))));
        Boundaries line = read(collection(ZONE_39, feature("红线", polygon(ring(E + 50, N - 500, E + 500, N + 500)))));

        ParcelAreas areas = ParcelAreas.of(parcels);
        ParcelAreas.Overlap overlap = areas.overlapWith(line).get(0);

        assertThat(areas.totalSquareMeters()).isEqualByComparingTo("10000.00");
        assertThat(overlap.overlapSquareMeters().doubleValue()).isCloseTo(5000.0, within(0.01));
        assertThat(overlap.share().doubleValue()).isCloseTo(0.5, within(0.000002));
        assertThat(overlap.touches()).isFalse();
    }

    @Test
    void a_parcel_with_a_hole_and_a_red_line_with_a_hole_overlap_by_what_is_left() throws Exception {
        // Parcel: 200 x 200 with a 50 x 50 hole; red line: 400 x 400 with a 100 x 100 hole in the parcel's middle.
        Boundaries parcels = read(collection(ZONE_39, feature("B", polygon(
                ring(E, N, E + 200, N + 200), ring(E + 10, N + 10, E + 60, N + 60)))));
        Boundaries line = read(collection(ZONE_39, feature("L", polygon(
                ring(E - 100, N - 100, E + 300, N + 300), ring(E + 50, N + 50, E + 150, N + 150)))));

        ParcelAreas areas = ParcelAreas.of(parcels);
        ParcelAreas.Overlap overlap = areas.overlapWith(line).get(0);

        // parcel 40000 - 2500 = 37500; red line's hole takes 100 x 100 of it, except the 10 x 10 where the holes meet.
        assertThat(areas.totalSquareMeters()).isEqualByComparingTo("37500.00");
        double expected = 37_500 - (10_000 - 10 * 10);
        assertThat(overlap.overlapSquareMeters().doubleValue()).isCloseTo(expected, within(0.01));
        assertThat(overlap.share().doubleValue()).isCloseTo(expected / 37_500, within(0.000002));
    }

    @Test
    void a_parcel_touching_the_red_line_along_an_edge_has_no_overlap_and_is_marked_touching() throws Exception {
        Boundaries parcels = read(collection(ZONE_39, feature("C", polygon(ring(E, N, E + 100, N + 100)))));
        Boundaries line = read(collection(ZONE_39, feature("L", polygon(ring(E + 100, N, E + 300, N + 100)))));

        ParcelAreas.Overlap overlap = ParcelAreas.of(parcels).overlapWith(line).get(0);

        assertThat(overlap.overlapSquareMeters().doubleValue()).isCloseTo(0.0, within(0.01));
        assertThat(overlap.share().doubleValue()).isCloseTo(0.0, within(0.000001));
        assertThat(overlap.touches()).isTrue();
    }

    @Test
    void longitude_latitude_areas_agree_with_the_geodesic_area_on_the_cgcs2000_ellipsoid() throws Exception {
        // 0.01 x 0.01 degree squares at 36°N and 20°N, on and between the 3-degree zones' meridians.
        for (double[] at : new double[][] {{117.02, 36.0}, {118.38, 36.0}, {109.47, 20.0}}) {
            double lon = at[0];
            double lat = at[1];
            Boundaries parcels = read(collection("EPSG:4490", feature("G", polygon(ring(lon, lat, lon + 0.01, lat + 0.01)))));
            // The red line covers the parcel's western 30% (a meridian at lon + 0.003).
            Boundaries line = read(collection("EPSG:4490", feature("L", polygon(ring(lon - 0.05, lat - 0.05, lon + 0.003, lat + 0.05)))));

            ParcelAreas areas = ParcelAreas.of(parcels);
            ParcelAreas.Overlap overlap = areas.overlapWith(line).get(0);

            double parcel = geodesicArea(lon, lat, lon + 0.01, lat + 0.01);
            double covered = geodesicArea(lon, lat, lon + 0.003, lat + 0.01);
            assertThat(areas.plane().centralMeridian()).isCloseTo(lon + 0.005, within(1e-6));
            // within 1 in 10^5 (about 10 m² of a square kilometre)
            assertThat(areas.totalSquareMeters().doubleValue()).isCloseTo(parcel, within(parcel * 1e-5));
            assertThat(overlap.overlapSquareMeters().doubleValue()).isCloseTo(covered, within(covered * 1e-5));
            assertThat(overlap.share().doubleValue()).isCloseTo(covered / parcel, within(1e-5));
        }
    }

    @Test
    void a_parcel_given_in_a_zone_and_the_same_land_in_longitude_latitude_have_the_same_area() throws Exception {
        Boundaries planar = read(collection(ZONE_39, feature("P", polygon(ring(E + 1000, N, E + 1500, N + 400)))));
        Cgcs2000.Transform back = Cgcs2000.byName(ZONE_39).orElseThrow().toLongLat();
        double[] sw = back.apply(E + 1000, N);
        double[] ne = back.apply(E + 1500, N + 400);
        assertThat(ParcelAreas.of(planar).totalSquareMeters()).isEqualByComparingTo("200000.00");
        // The zone's rectangle is not a longitude/latitude rectangle: compare through its four projected corners.
        double[] se = back.apply(E + 1500, N);
        double[] nw = back.apply(E + 1000, N + 400);
        String ring = "[[" + sw[0] + "," + sw[1] + "],[" + se[0] + "," + se[1] + "],[" + ne[0] + "," + ne[1] + "],["
                + nw[0] + "," + nw[1] + "],[" + sw[0] + "," + sw[1] + "]]";
        Boundaries geographic = read(collection("EPSG:4490", feature("P", polygon(ring))));
        assertThat(ParcelAreas.of(geographic).totalSquareMeters().doubleValue()).isCloseTo(200_000.0, within(0.5));
    }

    @Test
    void a_self_intersecting_polygon_is_refused_naming_the_feature_and_the_crossing() {
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[117.0,36.0],[117.01,36.01],[117.01,36.0],[117.0,36.01],[117.0,36.0]]]}";
        assertThatThrownBy(() -> read(collection("EPSG:4490", feature("ok", polygon(ring(117.1, 36, 117.11, 36.01))),
                feature("bow", bowTie))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("GEOMETRY_INVALID");
                    assertThat(e.refusal()).isEqualTo(Refusal.INVALID);
                    assertThat(e.details()).containsEntry("feature", 1);
                    @SuppressWarnings("unchecked")
                    List<Double> at = (List<Double>) e.details().get("location");
                    assertThat(at.get(0)).isCloseTo(117.005, within(1e-9));
                    assertThat(at.get(1)).isCloseTo(36.005, within(1e-9));
                    assertThat(e.getMessage()).contains("Self-intersection");
                });
    }

    @Test
    void an_unclosed_ring_a_short_ring_swapped_axes_and_an_unknown_crs_are_refused_with_their_codes() {
        assertRefused(collection("EPSG:4490", feature("x", "{\"type\":\"Polygon\",\"coordinates\":[[[117,36],[117.01,36],[117.01,36.01],[117,36.01]]]}")),
                "RING_NOT_CLOSED");
        assertRefused(collection("EPSG:4490", feature("x", "{\"type\":\"Polygon\",\"coordinates\":[[[117,36],[117.01,36],[117,36]]]}")),
                "RING_TOO_SHORT");
        assertRefused(collection("EPSG:4490", feature("x", polygon(ring(36, 117, 36.01, 117.01)))), "OUT_OF_EXTENT");
        assertRefused(collection("EPSG:3857", feature("x", polygon(ring(117, 36, 117.01, 36.01)))), "UNSUPPORTED_CRS");
        assertRefused(collection("EPSG:4490", feature("x", "{\"type\":\"LineString\",\"coordinates\":[[117,36],[117.01,36]]}")),
                "GEOMETRY_NOT_POLYGON");
        assertRefused("{\"type\":\"FeatureCollection\",\"features\":[]}", "GEOJSON_MALFORMED");
        // A zone's easting more than 300 km from its meridian is not in that zone.
        assertRefused(collection(ZONE_39, feature("x", polygon(ring(E + 400_000, N, E + 400_100, N + 100)))), "OUT_OF_EXTENT");
    }

    @Test
    void parcels_of_one_project_that_overlap_each_other_are_refused() throws Exception {
        Boundaries twice = read(collection(ZONE_39, feature("A", polygon(ring(E, N, E + 100, N + 100))),
                feature("B", polygon(ring(E + 50, N, E + 150, N + 100)))));
        assertThatThrownBy(() -> ParcelAreas.of(twice)).isInstanceOfSatisfying(DomainException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("PARCELS_OVERLAP");
                    assertThat(e.details()).containsEntry("overlapSquareMeters", new BigDecimal("5000.00"));
                });
    }

    @Test
    void the_digest_covers_the_canonical_form_not_the_spelling() throws Exception {
        String compact = collection("EPSG:4490", feature("A", polygon(ring(117, 36, 117.01, 36.01))));
        String spelled = compact.replace("[117,36]", "[117.000, 36.0]").replace(",", " ,");
        Boundaries a = read(compact);
        Boundaries b = read(spelled);
        Boundaries moved = read(compact.replace("117.01,36.01", "117.0101,36.01"));
        assertThat(a.sha256()).isEqualTo(b.sha256()).matches("[0-9a-f]{64}");
        assertThat(moved.sha256()).isNotEqualTo(a.sha256());
        assertThat(a.canonicalText()).isEqualTo("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"EPSG:4490\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"A\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[117,36],[117.01,36],[117.01,36.01],"
                + "[117,36.01],[117,36]]]}}]}");
    }

    private static void assertRefused(String json, String code) {
        assertThatThrownBy(() -> ParcelAreas.of(read(json))).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).as(json).isEqualTo(code));
    }

    /** Karney's geodesic area of the longitude/latitude rectangle on the GRS80 (= CGCS2000) ellipsoid. */
    static double geodesicArea(double lon0, double lat0, double lon1, double lat1) {
        Geodesic grs80 = new Geodesic(6378137.0, 1 / 298.257222101);
        PolygonArea polygon = new PolygonArea(grs80, false);
        polygon.AddPoint(lat0, lon0);
        polygon.AddPoint(lat0, lon1);
        polygon.AddPoint(lat1, lon1);
        polygon.AddPoint(lat1, lon0);
        PolygonResult result = polygon.Compute();
        return Math.abs(result.area);
    }
}
