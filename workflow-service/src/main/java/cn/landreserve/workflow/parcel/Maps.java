package cn.landreserve.workflow.parcel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Boundaries as GeoJSON in longitude/latitude (EPSG:4490), for the map and for reports. */
final class Maps {

    private static final JsonFactory JSON = new com.fasterxml.jackson.databind.ObjectMapper().getFactory();

    private Maps() {
    }

    /**
     * A FeatureCollection of the boundaries in longitude/latitude; each feature's properties are its name and, when
     * given, the entries of {@code extra} at its index. {@code members} are written at the top level first (GeoJSON
     * foreign members), after {@code "type"}.
     */
    static byte[] longLat(Boundaries boundaries, List<Map<String, Object>> extra, Map<String, Object> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            if (members != null) {
                for (Map.Entry<String, Object> m : members.entrySet()) {
                    g.writeObjectField(m.getKey(), m.getValue());
                }
            }
            g.writeArrayFieldStart("features");
            for (int i = 0; i < boundaries.features().size(); i++) {
                Boundaries.Boundary b = boundaries.features().get(i);
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeObjectFieldStart("properties");
                g.writeStringField("name", b.name());
                if (extra != null) {
                    for (Map.Entry<String, Object> e : extra.get(i).entrySet()) {
                        g.writeObjectField(e.getKey(), e.getValue());
                    }
                }
                g.writeEndObject();
                g.writeFieldName("geometry");
                Boundaries.writeGeometry(g, b.longLat());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] longLat(Boundaries boundaries, List<Map<String, Object>> extra) {
        return longLat(boundaries, extra, null);
    }
}
