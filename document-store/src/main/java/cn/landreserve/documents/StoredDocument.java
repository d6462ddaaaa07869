package cn.landreserve.documents;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DocumentStore#put} stored: the generated key, the exact size and digests of the bytes read, the
 * media type detected from those bytes, the original file name as given, and the object version when the
 * server keeps versions.
 */
public record StoredDocument(
        String key, long size, Digests digests, String mediaType, String originalFileName, Optional<String> versionId) {

    public StoredDocument {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(digests, "digests");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(originalFileName, "originalFileName");
        Objects.requireNonNull(versionId, "versionId");
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0, got " + size);
        }
    }
}
