package cn.landreserve.workflow.document;

/** What the object store reported for the bytes of a document. */
public record StoredFile(String objectKey, String objectVersion, String originalName, String mediaType, long size,
        String sha256, String sm3) {}
