package cn.landreserve.documents;

import java.util.Objects;
import java.util.Optional;

/**
 * {@link DocumentStore#put} refused its input. When this is thrown nothing is left in the bucket: no object
 * and no unfinished multipart upload.
 */
public class DocumentRejectedException extends DocumentStoreException {

    private static final long serialVersionUID = 1L;

    /** Why the input was refused. */
    public enum Reason {
        /** The stream had no bytes (or zero bytes were declared). */
        EMPTY,
        /** The stream (or its declared size) is over the configured maximum. */
        TOO_LARGE,
        /** The stream's content is of a media type not on the allow-list; {@link #detectedType()} names it. */
        TYPE_NOT_ALLOWED,
        /** The stream ended at a different length than the caller declared. */
        SIZE_MISMATCH,
        /** Reading the stream failed part way; the cause is the stream's own exception. */
        SOURCE_FAILED
    }

    private final Reason reason;
    private final String detectedType;

    DocumentRejectedException(String key, Reason reason, String message, String detectedType, Throwable cause) {
        super(key, message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detectedType = detectedType;
    }

    DocumentRejectedException(String key, Reason reason, String message) {
        this(key, reason, message, null, null);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#TYPE_NOT_ALLOWED}: the media type detected from the content. */
    public Optional<String> detectedType() {
        return Optional.ofNullable(detectedType);
    }
}
