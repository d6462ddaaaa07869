package cn.landreserve.documents;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a {@link DocumentStore}. Every check names the setting it refuses.
 *
 * @param endpoint S3 endpoint, {@code http://} or {@code https://} with host and optional port, no path
 * @param accessKey S3 access key
 * @param secretKey S3 secret key (never printed by {@link #toString()})
 * @param bucket bucket name (S3 rules: 3–63 of {@code a-z 0-9 . -})
 * @param region S3 region; MinIO and the embedded server accept {@code us-east-1}
 * @param maxSizeBytes largest document accepted, in bytes (default 5 GiB)
 * @param partSize multipart part size in bytes, at least 5 MiB (S3's minimum); also the single-request limit
 * @param uploadBuffers part buffers one put may hold (reading, hashing and uploading overlap across them);
 *     heap used by one put is at most {@code uploadBuffers × partSize}
 * @param objectLockRetentionDays default retention set on new buckets with object lock; 0 = no object lock
 * @param retentionMode COMPLIANCE or GOVERNANCE, used when {@code objectLockRetentionDays > 0}
 * @param keyPrefix first segment of generated keys, e.g. {@code doc} gives {@code doc/2026/11/<uuid>}
 */
public record DocumentStoreConfig(
        URI endpoint,
        String accessKey,
        String secretKey,
        String bucket,
        String region,
        long maxSizeBytes,
        int partSize,
        int uploadBuffers,
        int objectLockRetentionDays,
        RetentionMode retentionMode,
        String keyPrefix) {

    public static final long DEFAULT_MAX_SIZE = 5L * 1024 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int MAX_PART_SIZE = 512 * 1024 * 1024;
    public static final int DEFAULT_UPLOAD_BUFFERS = 4;
    /** S3 allows at most this many parts per multipart upload. */
    static final int MAX_PARTS = 10_000;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KEY_PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public DocumentStoreConfig {
        Objects.requireNonNull(endpoint, "endpoint must be set");
        String scheme = endpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null
                || !(endpoint.getPath() == null || endpoint.getPath().isEmpty() || "/".equals(endpoint.getPath()))
                || endpoint.getQuery() != null || endpoint.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "endpoint must be http(s)://host[:port] without path, query or user info, got '" + endpoint + "'");
        }
        requireText(accessKey, "accessKey");
        requireText(secretKey, "secretKey");
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(
                    "bucket must be 3-63 characters of a-z, 0-9, '.', '-' starting and ending with a letter or digit, got '"
                            + bucket + "'");
        }
        requireText(region, "region");
        if (maxSizeBytes <= 0) {
            throw new IllegalArgumentException("maxSizeBytes must be > 0, got " + maxSizeBytes);
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException(
                    "partSize must be between " + MIN_PART_SIZE + " and " + MAX_PART_SIZE + " bytes, got " + partSize);
        }
        if ((maxSizeBytes + partSize - 1) / partSize > MAX_PARTS) {
            throw new IllegalArgumentException("partSize " + partSize + " is too small for maxSizeBytes " + maxSizeBytes
                    + ": S3 allows at most " + MAX_PARTS + " parts; use a partSize of at least "
                    + ((maxSizeBytes + MAX_PARTS - 1) / MAX_PARTS));
        }
        if (uploadBuffers < 2 || uploadBuffers > 64) {
            throw new IllegalArgumentException("uploadBuffers must be between 2 and 64, got " + uploadBuffers);
        }
        if (objectLockRetentionDays < 0 || objectLockRetentionDays > 36_500) {
            throw new IllegalArgumentException(
                    "objectLockRetentionDays must be between 0 (no object lock) and 36500, got " + objectLockRetentionDays);
        }
        Objects.requireNonNull(retentionMode, "retentionMode must be set (COMPLIANCE or GOVERNANCE)");
        if (keyPrefix == null || !KEY_PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("keyPrefix must be 1-32 of a-z, 0-9, '-', got '" + keyPrefix + "'");
        }
    }

    /**
     * Defaults for everything but the connection: region us-east-1, 5 GiB maximum, 16 MiB parts, 4 buffers,
     * no object lock, keys under {@code doc/}.
     */
    public static DocumentStoreConfig of(URI endpoint, String accessKey, String secretKey, String bucket) {
        return new DocumentStoreConfig(endpoint, accessKey, secretKey, bucket, "us-east-1", DEFAULT_MAX_SIZE,
                DEFAULT_PART_SIZE, DEFAULT_UPLOAD_BUFFERS, 0, RetentionMode.COMPLIANCE, "doc");
    }

    public DocumentStoreConfig withRegion(String newRegion) {
        return new DocumentStoreConfig(endpoint, accessKey, secretKey, bucket, newRegion, maxSizeBytes, partSize,
                uploadBuffers, objectLockRetentionDays, retentionMode, keyPrefix);
    }

    public DocumentStoreConfig withMaxSizeBytes(long newMaxSizeBytes) {
        return new DocumentStoreConfig(endpoint, accessKey, secretKey, bucket, region, newMaxSizeBytes, partSize,
                uploadBuffers, objectLockRetentionDays, retentionMode, keyPrefix);
    }

    public DocumentStoreConfig withPartSize(int newPartSize, int newUploadBuffers) {
        return new DocumentStoreConfig(endpoint, accessKey, secretKey, bucket, region, maxSizeBytes, newPartSize,
                newUploadBuffers, objectLockRetentionDays, retentionMode, keyPrefix);
    }

    /** Object lock with a default retention of {@code days} in {@code mode}; only takes effect on a new bucket. */
    public DocumentStoreConfig withObjectLock(int days, RetentionMode mode) {
        return new DocumentStoreConfig(endpoint, accessKey, secretKey, bucket, region, maxSizeBytes, partSize,
                uploadBuffers, days, mode, keyPrefix);
    }

    public DocumentStoreConfig withKeyPrefix(String newKeyPrefix) {
        return new DocumentStoreConfig(endpoint, accessKey, secretKey, bucket, region, maxSizeBytes, partSize,
                uploadBuffers, objectLockRetentionDays, retentionMode, newKeyPrefix);
    }

    @Override
    public String toString() {
        return "DocumentStoreConfig[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=***, bucket="
                + bucket + ", region=" + region + ", maxSizeBytes=" + maxSizeBytes + ", partSize=" + partSize
                + ", uploadBuffers=" + uploadBuffers + ", objectLockRetentionDays=" + objectLockRetentionDays
                + ", retentionMode=" + retentionMode + ", keyPrefix=" + keyPrefix + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }
}
