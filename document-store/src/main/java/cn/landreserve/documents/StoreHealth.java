package cn.landreserve.documents;

import java.util.Objects;

/**
 * What an operator needs to know about the bucket: can it be reached, and are versioning and object lock
 * (WORM) in force. The embedded S3 server does not implement either, which shows here as
 * {@link FeatureState#UNSUPPORTED} rather than being hidden.
 */
public record StoreHealth(
        boolean reachable, String endpoint, String bucket, FeatureState versioning, FeatureState objectLock, String detail) {

    /** Whether a bucket feature is in force. */
    public enum FeatureState {
        /** Switched on for the bucket. */
        ENABLED,
        /** Supported by the server but not switched on (for object lock: the bucket was created without it). */
        DISABLED,
        /** Versioning was switched on once and then suspended. */
        SUSPENDED,
        /** The server answers that it does not implement the feature (501 NotImplemented). */
        UNSUPPORTED,
        /** Could not be determined (server unreachable or an unexpected answer; see the detail). */
        UNKNOWN
    }

    public StoreHealth {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(versioning, "versioning");
        Objects.requireNonNull(objectLock, "objectLock");
        Objects.requireNonNull(detail, "detail");
    }

    /** True when the store is reachable and keeps every version under a retention lock. */
    public boolean worm() {
        return reachable && versioning == FeatureState.ENABLED && objectLock == FeatureState.ENABLED;
    }
}
