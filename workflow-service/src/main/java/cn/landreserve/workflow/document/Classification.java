package cn.landreserve.workflow.document;

/** Who may see a document: PUBLIC (anyone, once the project is published), INTERNAL (staff), SENSITIVE (personal data, sensitive locations). */
public enum Classification {
    PUBLIC,
    INTERNAL,
    SENSITIVE;

    /** The stricter of two classifications: where the database and the ledger disagree, access follows the stricter. */
    public Classification stricter(Classification other) {
        return other == null || other.ordinal() <= ordinal() ? this : other;
    }
}
