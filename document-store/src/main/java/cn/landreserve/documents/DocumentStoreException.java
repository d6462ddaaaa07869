package cn.landreserve.documents;

import java.util.Optional;

/**
 * A document operation failed. Carries the object key involved when there is one (there is none, for
 * instance, when the bucket cannot be reached at start).
 */
public class DocumentStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String key;

    public DocumentStoreException(String key, String message, Throwable cause) {
        super(key == null ? message : message + " [key " + key + "]", cause);
        this.key = key;
    }

    public DocumentStoreException(String key, String message) {
        this(key, message, null);
    }

    /** The object key concerned, if any. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}
