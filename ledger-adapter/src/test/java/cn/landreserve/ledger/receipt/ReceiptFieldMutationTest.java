package cn.landreserve.ledger.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Altering any single value of a good receipt makes verification fail, and says which check failed. */
class ReceiptFieldMutationTest {

    @Test
    void every_single_field_alteration_fails() throws Exception {
        Path dir = Path.of(getClass().getResource("/vectors/receipts").toURI());
        for (String name : List.of("document.json", "batch-item.json")) {
            String json = Files.readString(dir.resolve(name));
            assertThat(ReceiptVerifier.trustingReceiptCas().verify(json, null).ok()).as(name).isTrue();
            JsonNode original = VectorGenerator.tree(json);
            List<String> paths = new ArrayList<>();
            collect(original, "", paths);
            assertThat(paths).hasSizeGreaterThan(30);
            for (String path : paths) {
                JsonNode copy = original.deepCopy();
                alter(copy, path);
                Verdict verdict = ReceiptVerifier.trustingReceiptCas().verify(Receipt.json().writeValueAsString(copy), null);
                assertThat(verdict.ok()).as(name + " " + path + " altered").isFalse();
                assertThat(verdict.line()).startsWith("FAILED: " + verdict.failed().label() + ": ");
            }
        }
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> collect(node.get(f), path + "/" + f, out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, out);
            }
        } else {
            out.add(path);
        }
    }

    private static void alter(JsonNode root, String path) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, cut));
        String last = path.substring(cut + 1);
        JsonNode value = root.at(path);
        JsonNode changed;
        if (value.isNumber()) {
            changed = value.isInt() ? IntNode.valueOf(value.intValue() + 1) : LongNode.valueOf(value.longValue() + 1);
        } else if (value.isTextual()) {
            String s = value.textValue();
            int at = s.length() / 2;
            char c = s.isEmpty() ? 'x' : s.charAt(at);
            char replacement = Character.isDigit(c) ? (c == '1' ? '2' : '1') : (c == 'a' ? 'b' : 'a');
            changed = new TextNode(s.isEmpty() ? "x" : s.substring(0, at) + replacement + s.substring(at + 1));
        } else if (value.isNull()) {
            changed = new TextNode("x");
        } else {
            changed = TextNode.valueOf(value.asText() + "x");
        }
        if (parent instanceof ObjectNode object) {
            object.set(last, changed);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(last), changed);
        }
    }
}
