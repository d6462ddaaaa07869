package cn.landreserve.chaincode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no insignificant whitespace, integers
 * only, strings escaped as Jackson does, UTF-8. The same value always gives the same bytes, which
 * is what makes state values (and the seal's root over them) reproducible on every peer.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = strictMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private CanonicalJson() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The strict mapper used to read records; shared so callers parse exactly as the contract does. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Canonical UTF-8 bytes of a value (record, map, list, or tree). */
    public static byte[] bytes(Object value) {
        JsonNode tree = value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(tree, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Canonical JSON text of a value. */
    public static String string(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** Re-encodes any JSON text canonically. */
    public static byte[] canonicalize(byte[] json) {
        return bytes(tree(json));
    }

    /** Parses JSON strictly into a tree; malformed input is {@link ErrorCode#INVALID_RECORD}. */
    public static JsonNode tree(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw ErrorCode.INVALID_RECORD.exception("empty JSON");
            }
            return node;
        } catch (IOException e) {
            throw ErrorCode.INVALID_RECORD.exception("malformed JSON: " + firstLine(e));
        }
    }

    /** Binds a tree or text strictly to a type; any mismatch is {@link ErrorCode#INVALID_RECORD}. */
    public static <T> T read(JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            throw ErrorCode.INVALID_RECORD.exception("expected a JSON object for " + type.getSimpleName());
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ErrorCode.INVALID_RECORD.exception(type.getSimpleName() + ": " + firstLine(e));
        }
    }

    /** Binds JSON text strictly to a type. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw ErrorCode.INVALID_RECORD.exception("no JSON given");
        }
        return read(tree(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void write(JsonNode node, JsonGenerator out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(null);
                out.writeStartObject();
                for (String name : names) {
                    out.writeFieldName(name);
                    write(node.get(name), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON holds integers only");
                }
                out.writeNumber(node.bigIntegerValue());
            }
            default -> throw new IllegalArgumentException("cannot encode " + node.getNodeType());
        }
    }
}
