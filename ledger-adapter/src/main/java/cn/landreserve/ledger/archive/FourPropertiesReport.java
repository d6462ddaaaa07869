package cn.landreserve.ledger.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The 四性检测 of one archive package: every finding, and the verdict per property and overall.
 *
 * @param format {@value #FORMAT}
 * @param projectId the project the package archives
 * @param timeSource {@code LOCAL} when the timestamps come from the service's own time-stamping authority,
 *     {@code EXTERNAL} when from another, {@code NONE} when no token could be checked
 * @param findings every check, in the order they ran
 */
@JsonIgnoreProperties(value = {"verdict", "properties"}, allowGetters = true)
public record FourPropertiesReport(String format, String projectId, String timeSource, List<Finding> findings) {

    /** The report's {@code format}. */
    public static final String FORMAT = "landreserve-four-properties/1";
    /** Exit code when nothing failed but a trust root was missing. */
    public static final int EXIT_UNPINNED = 3;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public FourPropertiesReport {
        findings = List.copyOf(findings);
    }

    /** The findings that failed. */
    public List<Finding> failures() {
        return findings.stream().filter(f -> f.status() == Finding.Status.FAIL).toList();
    }

    /** Whether no check failed (unpinned checks included). */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** Whether no check of the given property failed. */
    public boolean passed(Property property) {
        return findings.stream().noneMatch(f -> f.property() == property && f.status() == Finding.Status.FAIL);
    }

    /** The verdict: {@code OK}, {@code UNPINNED} (nothing failed, but some trust root was not given) or {@code FAILED}. */
    @JsonProperty("verdict")
    public String verdict() {
        if (!passed()) {
            return "FAILED";
        }
        return findings.stream().anyMatch(f -> f.status() == Finding.Status.UNPINNED) ? "UNPINNED" : "OK";
    }

    /** 0 OK, 1 FAILED, {@value #EXIT_UNPINNED} UNPINNED. */
    public int exitCode() {
        return switch (verdict()) {
            case "OK" -> 0;
            case "UNPINNED" -> EXIT_UNPINNED;
            default -> 1;
        };
    }

    /** Per property: {@code PASS} or {@code FAIL}. */
    @JsonProperty("properties")
    public Map<Property, String> byProperty() {
        Map<Property, String> out = new EnumMap<>(Property.class);
        for (Property p : Property.values()) {
            out.put(p, passed(p) ? "PASS" : "FAIL");
        }
        return out;
    }

    /** The findings with one more appended list. */
    public FourPropertiesReport with(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new FourPropertiesReport(format, projectId, timeSource, all);
    }

    /** Indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report always serialises", e);
        }
    }

    /** Parses a report. */
    public static FourPropertiesReport parse(String json) throws JsonProcessingException {
        return JSON.readValue(json, FourPropertiesReport.class);
    }
}
