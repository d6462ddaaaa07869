package cn.landreserve.workflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Names the fields in which two canonical JSON records differ, with both values. */
final class CanonicalJsonDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalJsonDiff() {}

    static String describe(byte[] ledger, byte[] database) {
        try {
            JsonNode a = JSON.readTree(ledger);
            JsonNode b = JSON.readTree(database);
            List<String> diffs = new ArrayList<>();
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!a.get(name).equals(b.get(name))) {
                    diffs.add(name + " ledger=" + a.get(name) + " database=" + b.get(name));
                }
            }
            for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!a.has(name)) {
                    diffs.add(name + " ledger=(absent) database=" + b.get(name));
                }
            }
            return String.join("; ", diffs);
        } catch (IOException e) {
            return "records are not comparable JSON";
        }
    }
}
