package cn.landreserve.documents;

/** There is no object under the key. */
public class DocumentNotFoundException extends DocumentStoreException {

    private static final long serialVersionUID = 1L;

    public DocumentNotFoundException(String key) {
        this(key, null);
    }

    public DocumentNotFoundException(String key, Throwable cause) {
        super(key, "no document stored under this key", cause);
    }
}
