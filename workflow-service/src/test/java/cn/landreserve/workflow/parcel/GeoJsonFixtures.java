package cn.landreserve.workflow.parcel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/** Small GeoJSON documents for tests: axis-aligned rectangles, with holes, in a stated CRS. */
public final class GeoJsonFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonFixtures() {
    }

    /** A closed ring of the rectangle [x0,x1]×[y0,y1], counter-clockwise. */
    public static String ring(double x0, double y0, double x1, double y1) {
        return String.format(Locale.ROOT, "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]",
                num(x0), num(y0), num(x1), num(y0), num(x1), num(y1), num(x0), num(y1), num(x0), num(y0));
    }

    public static String polygon(String... rings) {
        return "{\"type\":\"Polygon\",\"coordinates\":[" + String.join(",", rings) + "]}";
    }

    public static String feature(String name, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\"},\"geometry\":" + geometry + "}";
    }

    public static String collection(String crs, String... features) {
        return "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs
                + "\"}},\"features\":[" + String.join(",", features) + "]}";
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String num(double v) {
        return Boundaries.plain(v);
    }
}
