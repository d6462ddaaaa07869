package cn.landreserve.ledger.archive;

/**
 * One document version in {@link PackageLayout#DOCUMENTS}.
 *
 * @param evidenceId the document's evidence id
 * @param path its file in the package
 * @param stage the lifecycle stage
 * @param documentType the document type
 * @param version its version (1 first)
 * @param previousEvidenceId the version it replaces, or {@code null}
 * @param classification PUBLIC, INTERNAL or SENSITIVE (密级/控制级别 recorded for the security check)
 * @param mediaType its media type
 * @param size bytes
 * @param sha256 hex SHA-256
 * @param sm3 hex SM3
 * @param originalName the file name the uploader gave (kept here, never on the ledger: the ledger has its SHA-256)
 * @param uploadedBy who uploaded it
 * @param uploadedAt when
 */
public record DocumentEntry(String evidenceId, String path, String stage, String documentType, int version,
        String previousEvidenceId, String classification, String mediaType, long size, String sha256, String sm3,
        String originalName, String uploadedBy, String uploadedAt) {
}
