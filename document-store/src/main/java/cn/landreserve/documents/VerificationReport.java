package cn.landreserve.documents;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of re-reading a stored object and recomputing its digests. On {@link Outcome#MISMATCH} both the
 * expected and the actual digests are present, so the report can be shown to an auditor as it is.
 */
public record VerificationReport(String key, Outcome outcome, Digests expected, Optional<Digests> actual, long bytesRead) {

    /** What re-reading the object showed. */
    public enum Outcome {
        /** Both recomputed digests equal the expected ones. */
        MATCH,
        /** The object was read in full and at least one digest differs. */
        MISMATCH,
        /** There is no object under the key. */
        MISSING
    }

    public VerificationReport {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        if ((outcome == Outcome.MISSING) == actual.isPresent()) {
            throw new IllegalArgumentException("actual digests are present exactly when the object was read");
        }
    }

    public boolean matches() {
        return outcome == Outcome.MATCH;
    }

    /** Which digests differ, for messages: "SHA-256", "SM3", "SHA-256 and SM3", or "" when none (or missing). */
    public String differingDigests() {
        if (actual.isEmpty()) {
            return "";
        }
        boolean sha = !expected.sha256Hex().equals(actual.get().sha256Hex());
        boolean sm3 = !expected.sm3Hex().equals(actual.get().sm3Hex());
        return sha && sm3 ? "SHA-256 and SM3" : sha ? "SHA-256" : sm3 ? "SM3" : "";
    }
}
