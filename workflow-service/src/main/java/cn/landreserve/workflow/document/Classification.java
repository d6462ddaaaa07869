package cn.landreserve.workflow.document;

/** Who may see a document: PUBLIC (anyone, once the project is published), INTERNAL (staff), SENSITIVE (personal data, sensitive locations). */
public enum Classification {
    PUBLIC,
    INTERNAL,
    SENSITIVE
}
