package cn.landreserve.documents;

import cn.landreserve.documents.StoreHealth.FeatureState;
import com.google.common.collect.ImmutableMultimap;
import io.minio.BucketExistsArgs;
import io.minio.GetBucketVersioningArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetBucketVersioningArgs;
import io.minio.SetObjectLockConfigurationArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.minio.messages.ObjectLockConfiguration;
import io.minio.messages.Part;
import io.minio.messages.RetentionDurationDays;
import io.minio.messages.Upload;
import io.minio.messages.VersioningConfiguration;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one class that talks to the S3 client library (minio-java). It turns the library's failures into this
 * package's checked exceptions, classified by S3 error code, and lets none of the library's types out.
 */
final class S3ObjectStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);

    /** User metadata key (without the {@code x-amz-meta-} prefix) holding the percent-encoded file name. */
    static final String META_ORIGINAL_NAME = "original-filename";

    private final DocumentStoreConfig config;
    private final OkHttpClient http;
    private final MinioAsyncClient client;
    /** Set when switching a feature on was answered with 501: some servers then still answer reads with "none". */
    private volatile boolean versioningNotImplemented;
    private volatile boolean objectLockNotImplemented;

    /** The part number and ETag the server returned for one uploaded part. */
    record PartTag(int partNumber, String etag) {}

    /** What stat returns, before the caller decodes the metadata. */
    record ObjectStat(long size, String contentType, Map<String, String> userMetadata, Optional<String> versionId,
            Instant lastModified) {}

    S3ObjectStore(DocumentStoreConfig config) {
        this.config = config;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(15, TimeUnit.SECONDS)
                .writeTimeout(5, TimeUnit.MINUTES)
                .readTimeout(5, TimeUnit.MINUTES)
                .protocols(List.of(Protocol.HTTP_1_1))
                .build();
        this.client = MinioAsyncClient.builder()
                .endpoint(config.endpoint().toString())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http, true)
                .build();
    }

    /**
     * Creates the bucket if it is missing (with object lock when configured, which S3 allows only at creation),
     * switches versioning on and sets the default retention. A server that does not implement versioning or
     * object lock is tolerated; {@link #health()} reports it.
     */
    void ensureBucket() throws DocumentStoreException {
        String bucket = config.bucket();
        boolean lock = config.objectLockRetentionDays() > 0;
        try {
            if (!await(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))) {
                try {
                    await(client.makeBucket(MakeBucketArgs.builder().bucket(bucket).objectLock(lock).build()));
                    log.info("created bucket {} (object lock requested: {})", bucket, lock);
                } catch (ErrorResponseException e) {
                    if (lock && notImplemented(e)) {
                        objectLockNotImplemented = true;
                        log.warn("server at {} does not implement object lock; creating bucket {} without it",
                                config.endpoint(), bucket);
                        await(client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()));
                    } else if (!"BucketAlreadyOwnedByYou".equals(code(e))) {
                        throw e;
                    }
                }
            }
        } catch (Exception e) {
            throw translate(e, null, "cannot ensure bucket " + bucket + " at " + config.endpoint());
        }
        try {
            await(client.setBucketVersioning(SetBucketVersioningArgs.builder().bucket(bucket)
                    .config(new VersioningConfiguration(VersioningConfiguration.Status.ENABLED, null)).build()));
        } catch (Exception e) {
            versioningNotImplemented = notImplemented(unwrap(e));
            logUnsupported(e, "versioning");
        }
        if (lock) {
            try {
                await(client.setObjectLockConfiguration(SetObjectLockConfigurationArgs.builder().bucket(bucket)
                        .config(new ObjectLockConfiguration(minioMode(config.retentionMode()),
                                new RetentionDurationDays(config.objectLockRetentionDays())))
                        .build()));
            } catch (Exception e) {
                objectLockNotImplemented |= notImplemented(unwrap(e));
                logUnsupported(e, "object lock");
            }
        }
    }

    StoreHealth health() {
        String endpoint = config.endpoint().toString();
        String bucket = config.bucket();
        try {
            if (!await(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))) {
                return new StoreHealth(true, endpoint, bucket, FeatureState.UNKNOWN, FeatureState.UNKNOWN,
                        "bucket does not exist");
            }
        } catch (Exception e) {
            return new StoreHealth(false, endpoint, bucket, FeatureState.UNKNOWN, FeatureState.UNKNOWN,
                    "unreachable: " + describe(e));
        }
        List<String> details = new ArrayList<>();
        FeatureState versioning;
        try {
            VersioningConfiguration v = await(
                    client.getBucketVersioning(GetBucketVersioningArgs.builder().bucket(bucket).build()));
            versioning = switch (v.status()) {
                case ENABLED -> FeatureState.ENABLED;
                case SUSPENDED -> FeatureState.SUSPENDED;
                case OFF -> versioningNotImplemented ? FeatureState.UNSUPPORTED : FeatureState.DISABLED;
            };
            if (versioningNotImplemented && versioning == FeatureState.UNSUPPORTED) {
                details.add("versioning not implemented by the server (enabling it was answered 501)");
            }
        } catch (Exception e) {
            versioning = featureFailure(e, "versioning", details);
        }
        FeatureState objectLock;
        try {
            ObjectLockConfiguration c = await(
                    client.getObjectLockConfiguration(GetObjectLockConfigurationArgs.builder().bucket(bucket).build()));
            objectLock = FeatureState.ENABLED;
            details.add(c.mode() == null
                    ? "object lock without default retention"
                    : "default retention " + c.mode() + " " + c.duration());
        } catch (Exception e) {
            if (!"ObjectLockConfigurationNotFoundError".equals(code(unwrap(e)))) {
                objectLock = featureFailure(e, "object lock", details);
            } else if (objectLockNotImplemented) {
                objectLock = FeatureState.UNSUPPORTED;
                details.add("object lock not implemented by the server (enabling it was answered 501)");
            } else {
                objectLock = FeatureState.DISABLED;
                details.add("object lock not enabled on the bucket (it can only be enabled when the bucket is created)");
            }
        }
        return new StoreHealth(true, endpoint, bucket, versioning, objectLock, String.join("; ", details));
    }

    /** Uploads a whole object in one request; returns the version id, if the server keeps versions. */
    Optional<String> putObject(String key, byte[] data, int length, String contentType, Map<String, String> metadata)
            throws DocumentStoreException {
        try {
            ObjectWriteResponse response = await(client.putObject(PutObjectArgs.builder()
                    .bucket(config.bucket()).object(key)
                    .stream(new ByteArrayInputStream(data, 0, length), length, -1)
                    .contentType(contentType)
                    .userMetadata(metadata)
                    .build()));
            return Optional.ofNullable(response.versionId());
        } catch (Exception e) {
            throw translate(e, key, "upload failed");
        }
    }

    String createUpload(String key, String contentType, Map<String, String> metadata) throws DocumentStoreException {
        ImmutableMultimap.Builder<String, String> headers = ImmutableMultimap.builder();
        headers.put("Content-Type", contentType);
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        try {
            return await(client.createMultipartUploadAsync(config.bucket(), config.region(), key, headers.build(), null))
                    .result().uploadId();
        } catch (Exception e) {
            throw translate(e, key, "cannot start multipart upload");
        }
    }

    /**
     * Starts uploading one part from {@code data[0, length)}; the array must not change until the returned
     * future completes.
     */
    CompletableFuture<PartTag> uploadPart(String key, String uploadId, int partNumber, byte[] data, int length)
            throws DocumentStoreException {
        try {
            return client.uploadPartAsync(config.bucket(), config.region(), key, data, length, uploadId, partNumber,
                            null, null)
                    .thenApply(r -> new PartTag(r.partNumber(), r.etag()));
        } catch (Exception e) {
            throw translate(e, key, "cannot upload part " + partNumber);
        }
    }

    /** Resolves a part future, turning its failure into this package's exception. */
    PartTag awaitPart(String key, CompletableFuture<PartTag> part) throws DocumentStoreException {
        try {
            return await(part);
        } catch (Exception e) {
            throw translate(e, key, "part upload failed");
        }
    }

    Optional<String> completeUpload(String key, String uploadId, List<PartTag> parts) throws DocumentStoreException {
        Part[] tags = parts.stream().map(p -> new Part(p.partNumber(), p.etag())).toArray(Part[]::new);
        try {
            ObjectWriteResponse response = await(client.completeMultipartUploadAsync(
                    config.bucket(), config.region(), key, uploadId, tags, null, null));
            return Optional.ofNullable(response.versionId());
        } catch (Exception e) {
            throw translate(e, key, "cannot complete multipart upload");
        }
    }

    void abortUpload(String key, String uploadId) throws DocumentStoreException {
        try {
            await(client.abortMultipartUploadAsync(config.bucket(), config.region(), key, uploadId, null, null));
        } catch (Exception e) {
            throw translate(e, key, "cannot abort multipart upload " + uploadId);
        }
    }

    /** Removes the current object under the key (on a versioned, locked bucket: a delete marker over it). */
    void remove(String key) throws DocumentStoreException {
        try {
            await(client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build()));
        } catch (Exception e) {
            throw translate(e, key, "cannot remove");
        }
    }

    /** Streams the object, or the given range of it; the caller closes the stream. */
    InputStream get(String key, ByteRange range) throws DocumentStoreException {
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket()).object(key);
        if (range != null) {
            args.offset(range.offset()).length(range.length());
        }
        try {
            return await(client.getObject(args.build()));
        } catch (Exception e) {
            throw translate(e, key, range == null ? "cannot read" : "cannot read bytes " + range.offset() + "-"
                    + range.lastByte());
        }
    }

    ObjectStat stat(String key) throws DocumentStoreException {
        try {
            StatObjectResponse s = await(client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key)
                    .build()));
            ZonedDateTime modified = s.lastModified();
            return new ObjectStat(s.size(), s.contentType(), new HashMap<>(s.userMetadata()),
                    Optional.ofNullable(s.versionId()), modified == null ? Instant.EPOCH : modified.toInstant());
        } catch (Exception e) {
            throw translate(e, key, "cannot stat");
        }
    }

    /** Every object key in the bucket (for tests and operators; not paged for the caller). */
    List<String> listKeys() throws DocumentStoreException {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> item : client.listObjects(
                    ListObjectsArgs.builder().bucket(config.bucket()).recursive(true).build())) {
                keys.add(item.get().objectName());
            }
        } catch (Exception e) {
            throw translate(e, null, "cannot list objects in " + config.bucket());
        }
        return keys;
    }

    /** "key uploadId" of every multipart upload started and neither completed nor aborted. */
    List<String> listIncompleteUploads() throws DocumentStoreException {
        List<String> uploads = new ArrayList<>();
        try {
            List<Upload> found = await(client.listMultipartUploadsAsync(config.bucket(), config.region(), null, null,
                    null, 1000, null, null, null, null)).result().uploads();
            for (Upload u : found) {
                uploads.add(u.objectName() + " " + u.uploadId());
            }
        } catch (Exception e) {
            throw translate(e, null, "cannot list multipart uploads in " + config.bucket());
        }
        return uploads;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // --- failures ---------------------------------------------------------------------------------------------

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private static Exception unwrap(Exception e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof Exception ex ? ex : e;
    }

    private static String code(Exception e) {
        return e instanceof ErrorResponseException ere && ere.errorResponse() != null ? ere.errorResponse().code() : null;
    }

    private static boolean notImplemented(Exception e) {
        return e instanceof ErrorResponseException ere
                && ("NotImplemented".equals(code(ere)) || (ere.response() != null && ere.response().code() == 501));
    }

    private static DocumentStoreException translate(Exception e, String key, String action) {
        Exception cause = unwrap(e);
        String code = code(cause);
        if (key != null && ("NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchVersion".equals(code))) {
            return new DocumentNotFoundException(key, cause);
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new DocumentStoreException(key, action + ": " + describe(cause), cause);
    }

    private static String describe(Exception e) {
        Exception cause = unwrap(e);
        String code = code(cause);
        return code != null ? "S3 error " + code : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private void logUnsupported(Exception e, String feature) {
        if (notImplemented(unwrap(e))) {
            log.warn("server at {} does not implement {} (501 NotImplemented); bucket {} runs without it",
                    config.endpoint(), feature, config.bucket());
        } else {
            log.warn("could not switch on {} for bucket {}: {}", feature, config.bucket(), describe(e));
        }
    }

    private static FeatureState featureFailure(Exception e, String feature, List<String> details) {
        Exception cause = unwrap(e);
        if (notImplemented(cause)) {
            details.add(feature + " not implemented by the server");
            return FeatureState.UNSUPPORTED;
        }
        details.add(feature + " unknown: " + describe(cause));
        return FeatureState.UNKNOWN;
    }

    private static io.minio.messages.RetentionMode minioMode(RetentionMode mode) {
        return switch (mode) {
            case COMPLIANCE -> io.minio.messages.RetentionMode.COMPLIANCE;
            case GOVERNANCE -> io.minio.messages.RetentionMode.GOVERNANCE;
        };
    }
}
