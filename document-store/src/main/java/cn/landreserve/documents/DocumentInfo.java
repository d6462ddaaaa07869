package cn.landreserve.documents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store knows about a stored object without reading it ({@link DocumentStore#stat}). Digests are not
 * part of it: they are recorded by the caller (ledger, database) and checked with {@link DocumentStore#verify}.
 */
public record DocumentInfo(
        String key, long size, String mediaType, String originalFileName, Optional<String> versionId, Instant lastModified) {

    public DocumentInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(originalFileName, "originalFileName");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
