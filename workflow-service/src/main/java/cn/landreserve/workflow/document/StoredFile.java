package cn.landreserve.workflow.document;

/** What the object store reported for the bytes of a document. */
public record StoredFile(String objectKey, String objectVersion, String originalName, String mediaType, long size,
        String sha256, String sm3) {

    /** What the ledger holds of the file name: its SHA-256 (a name may hold personal data). */
    public String originalNameSha256() {
        return cn.landreserve.chaincode.TextDigests.sha256(originalName);
    }
}
