package cn.landreserve.workflow.parcel;

import static cn.landreserve.workflow.parcel.GeometryRules.invalid;
import static cn.landreserve.workflow.parcel.GeometryRules.malformed;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.kernel.TextRules;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * A GeoJSON FeatureCollection of polygons, read strictly and validated: every ring closed and of at least four
 * positions, no self-intersection or other invalidity that JTS finds, every vertex inside a sane extent. Keeps the
 * geometries as given and in longitude/latitude, and the canonical form whose SHA-256 is anchored.
 *
 * <p>Canonical form: {@code {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:n"}},
 * "features":[{"type":"Feature","properties":{"name":…},"geometry":{"type":…,"coordinates":…}},…]}} in that key
 * order, features in the order given, no whitespace, UTF-8, every number as the plain decimal of its double value
 * (no exponent, no trailing zeros), altitudes dropped.
 */
public final class Boundaries {

    public static final int MAX_FEATURES = 500;
    public static final int MAX_VERTICES = 100_000;
    private static final int MAX_NAME = 100;
    static final GeometryFactory JTS = new GeometryFactory();
    private static final JsonFactory JSON = new JsonFactory();

    /** One feature: its name and its polygon(s), as given and in longitude/latitude. */
    public record Boundary(String name, Geometry source, Geometry longLat) {}

    private final Cgcs2000 crs;
    private final List<Boundary> features;
    private final byte[] canonical;
    private final String sha256;

    private Boundaries(Cgcs2000 crs, List<Boundary> features) {
        this.crs = crs;
        this.features = List.copyOf(features);
        this.canonical = canonicalBytes(crs, this.features);
        this.sha256 = sha256Hex(canonical);
    }

    public Cgcs2000 crs() {
        return crs;
    }

    public List<Boundary> features() {
        return features;
    }

    /** The canonical GeoJSON, whose SHA-256 is {@link #sha256()}. */
    public byte[] canonical() {
        return canonical.clone();
    }

    public String sha256() {
        return sha256;
    }

    /** Everything in longitude/latitude as one geometry. */
    public Geometry longLatUnion() {
        return JTS.buildGeometry(features.stream().map(Boundary::longLat).toList()).union();
    }

    /** Reads and validates a FeatureCollection; every refusal is a 400 with a stable code. */
    public static Boundaries read(JsonNode json) throws DomainException {
        if (json == null || !json.isObject()) {
            throw malformed("the boundaries must be a GeoJSON FeatureCollection object");
        }
        if (!"FeatureCollection".equals(json.path("type").asText(null))) {
            throw malformed("type must be FeatureCollection");
        }
        Cgcs2000 crs = crs(json.get("crs"));
        JsonNode list = json.get("features");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw malformed("features must be a non-empty array");
        }
        if (list.size() > MAX_FEATURES) {
            throw malformed("at most " + MAX_FEATURES + " features");
        }
        Cgcs2000.Transform toLongLat = crs.isGeographic() ? null : crs.toLongLat();
        int[] vertices = {0};
        List<Boundary> features = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode feature = list.get(i);
            if (!feature.isObject() || !"Feature".equals(feature.path("type").asText(null))) {
                throw invalid("GEOJSON_MALFORMED", "feature " + i + " is not a GeoJSON Feature", i, null);
            }
            String name = name(feature.get("properties"), i);
            Geometry source = polygonal(feature.get("geometry"), i, vertices);
            Geometry longLat = toLongLat == null ? source : Planar.transform(source, toLongLat);
            checkExtent(crs, source, longLat, i);
            TopologyValidationError error = new IsValidOp(source).getValidationError();
            if (error != null) {
                Coordinate at = error.getCoordinate();
                throw invalid("GEOMETRY_INVALID", "feature " + i + " (" + name + ") is not a valid polygon: "
                        + error.getMessage() + (at == null ? "" : " at " + at.x + " " + at.y), i,
                        at == null ? null : new double[] {at.x, at.y});
            }
            features.add(new Boundary(name, source, longLat));
        }
        return new Boundaries(crs, features);
    }

    private static Cgcs2000 crs(JsonNode node) throws DomainException {
        if (node == null || node.isNull()) {
            return Cgcs2000.geographic();
        }
        String name = node.path("properties").path("name").asText(null);
        if (!node.isObject() || !"name".equals(node.path("type").asText(null)) || name == null) {
            throw malformed("crs must be {\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4490\"}}");
        }
        return Cgcs2000.byName(name).orElseThrow(() -> new DomainException(
                cn.landreserve.workflow.kernel.Refusal.INVALID, "UNSUPPORTED_CRS", "coordinate system " + name
                        + " is not supported: use CGCS2000 (EPSG:4490) or a CGCS2000 3-degree Gauss-Krüger zone "
                        + "(EPSG:4513-4554)", java.util.Map.of("crs", name)));
    }

    private static String name(JsonNode properties, int index) throws DomainException {
        JsonNode name = properties == null || !properties.isObject() ? null : properties.get("name");
        if (name == null || name.isNull()) {
            return "#" + (index + 1);
        }
        if (!name.isTextual() || name.asText().isBlank() || name.asText().length() > MAX_NAME
                || !TextRules.clean(name.asText())) {
            throw invalid("GEOJSON_MALFORMED", "feature " + index + ": properties.name must be 1 to " + MAX_NAME
                    + " plain characters", index, null);
        }
        return name.asText().strip();
    }

    private static Geometry polygonal(JsonNode geometry, int index, int[] vertices) throws DomainException {
        if (geometry == null || !geometry.isObject()) {
            throw invalid("GEOJSON_MALFORMED", "feature " + index + " has no geometry", index, null);
        }
        String type = geometry.path("type").asText("");
        JsonNode coordinates = geometry.get("coordinates");
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
            throw invalid("GEOJSON_MALFORMED", "feature " + index + " has no coordinates", index, null);
        }
        if (type.equals("Polygon")) {
            return polygon(coordinates, index, vertices);
        }
        if (type.equals("MultiPolygon")) {
            Polygon[] parts = new Polygon[coordinates.size()];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = polygon(coordinates.get(p), index, vertices);
            }
            return JTS.createMultiPolygon(parts);
        }
        throw invalid("GEOMETRY_NOT_POLYGON", "feature " + index + " is a " + type
                + "; parcels and the red line are Polygon or MultiPolygon", index, null);
    }

    private static Polygon polygon(JsonNode rings, int index, int[] vertices) throws DomainException {
        if (!rings.isArray() || rings.isEmpty()) {
            throw invalid("GEOJSON_MALFORMED", "feature " + index + ": a polygon is an array of rings", index, null);
        }
        LinearRing shell = ring(rings.get(0), index, vertices);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int r = 1; r < rings.size(); r++) {
            holes[r - 1] = ring(rings.get(r), index, vertices);
        }
        return JTS.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode ring, int index, int[] vertices) throws DomainException {
        if (!ring.isArray()) {
            throw invalid("GEOJSON_MALFORMED", "feature " + index + ": a ring is an array of positions", index, null);
        }
        vertices[0] += ring.size();
        if (vertices[0] > MAX_VERTICES) {
            throw malformed("at most " + MAX_VERTICES + " vertices in one file");
        }
        Coordinate[] points = new Coordinate[ring.size()];
        for (int p = 0; p < points.length; p++) {
            JsonNode position = ring.get(p);
            if (!position.isArray() || position.size() < 2 || position.size() > 3
                    || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw invalid("GEOJSON_MALFORMED", "feature " + index + ": a position is [x, y] (numbers)", index, null);
            }
            double x = position.get(0).asDouble();
            double y = position.get(1).asDouble();
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw invalid("GEOJSON_MALFORMED", "feature " + index + ": coordinates must be finite", index, null);
            }
            points[p] = new Coordinate(x, y);
        }
        if (points.length < 4) {
            throw invalid("RING_TOO_SHORT", "feature " + index + ": a ring needs at least 4 positions (first = last), "
                    + "it has " + points.length, index, points.length == 0 ? null : new double[] {points[0].x, points[0].y});
        }
        if (!points[0].equals2D(points[points.length - 1])) {
            throw invalid("RING_NOT_CLOSED", "feature " + index + ": a ring must end where it starts", index,
                    new double[] {points[points.length - 1].x, points[points.length - 1].y});
        }
        return JTS.createLinearRing(points);
    }

    private static void checkExtent(Cgcs2000 crs, Geometry source, Geometry longLat, int index)
            throws DomainException {
        Coordinate[] given = source.getCoordinates();
        Coordinate[] geographic = longLat.getCoordinates();
        for (int i = 0; i < geographic.length; i++) {
            Coordinate c = geographic[i];
            boolean outside = !GeometryRules.insideExtent(c.x, c.y);
            if (!crs.isGeographic()) {
                double easting = given[i].x - crs.falseEasting();
                // Gauss-Krüger 3-degree zones are used within about 1.5 degrees (~170 km) of their meridian.
                outside |= Math.abs(easting) > 300_000 || Math.abs(c.x - crs.centralMeridian()) > 2.5;
            }
            if (outside || !Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw invalid("OUT_OF_EXTENT", "feature " + index + ": vertex " + given[i].x + " " + given[i].y
                        + " is outside the extent of " + crs.name() + " in China (longitude "
                        + GeometryRules.MIN_LONGITUDE + "-" + GeometryRules.MAX_LONGITUDE + ", latitude "
                        + GeometryRules.MIN_LATITUDE + "-" + GeometryRules.MAX_LATITUDE + "); are the axes swapped?",
                        index, new double[] {given[i].x, given[i].y});
            }
        }
    }

    private static byte[] canonicalBytes(Cgcs2000 crs, List<Boundary> features) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeObjectFieldStart("crs");
            g.writeStringField("type", "name");
            g.writeObjectFieldStart("properties");
            g.writeStringField("name", crs.name());
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("features");
            for (Boundary f : features) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeObjectFieldStart("properties");
                g.writeStringField("name", f.name());
                g.writeEndObject();
                g.writeFieldName("geometry");
                writeGeometry(g, f.source());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a Polygon or MultiPolygon as a GeoJSON geometry object, numbers as plain decimals. */
    static void writeGeometry(JsonGenerator g, Geometry geometry) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", geometry instanceof MultiPolygon ? "MultiPolygon" : "Polygon");
        g.writeArrayFieldStart("coordinates");
        if (geometry instanceof MultiPolygon multi) {
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                g.writeStartArray();
                writeRings(g, (Polygon) multi.getGeometryN(i));
                g.writeEndArray();
            }
        } else {
            writeRings(g, (Polygon) geometry);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeRings(JsonGenerator g, Polygon polygon) throws IOException {
        writeRing(g, polygon.getExteriorRing().getCoordinates());
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
            writeRing(g, polygon.getInteriorRingN(h).getCoordinates());
        }
    }

    private static void writeRing(JsonGenerator g, Coordinate[] ring) throws IOException {
        g.writeStartArray();
        for (Coordinate c : ring) {
            g.writeStartArray();
            g.writeNumber(plain(c.x));
            g.writeNumber(plain(c.y));
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** UTF-8 text of the canonical form. */
    public String canonicalText() {
        return new String(canonical, StandardCharsets.UTF_8);
    }
}
