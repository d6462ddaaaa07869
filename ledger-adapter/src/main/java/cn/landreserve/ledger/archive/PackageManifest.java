package cn.landreserve.ledger.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The package's manifest ({@link PackageLayout#MANIFEST}): what the package archives and every entry's digests.
 * Its exact bytes are timestamped ({@link PackageLayout#MANIFEST_TOKEN}).
 *
 * @param format {@value PackageLayout#FORMAT}
 * @param projectId the project
 * @param projectCode the project's code
 * @param sealEvidenceId the seal's evidence id
 * @param sealRoot the seal's root as on the ledger
 * @param evidenceCount how many records the seal covers
 * @param builtAt when the package was built (the service's clock; the token says when from the TSA's)
 * @param entries every entry but the manifest and its token
 */
public record PackageManifest(String format, String projectId, String projectCode, String sealEvidenceId,
        String sealRoot, long evidenceCount, String builtAt, List<Entry> entries) {

    /**
     * One entry.
     *
     * @param path the entry's name in the package
     * @param role what it is: {@code file}, {@code receipt}, {@code metadata}, {@code timestamp}, {@code report},
     *     {@code trust}
     * @param size bytes
     * @param sha256 hex SHA-256
     * @param sm3 hex SM3
     */
    public record Entry(String path, String role, long size, String sha256, String sm3) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public PackageManifest {
        entries = List.copyOf(entries);
    }

    /** The manifest's bytes (UTF-8 JSON). */
    public byte[] toBytes() {
        try {
            return JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /** Parses a manifest; unknown or duplicate fields are refused. */
    public static PackageManifest parse(byte[] json) throws JsonProcessingException {
        try {
            return JSON.readValue(json, PackageManifest.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared JSON mapper of package metadata. */
    static ObjectMapper json() {
        return JSON;
    }
}
