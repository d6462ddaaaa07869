package cn.landreserve.ledger.archive;

import java.util.Objects;

/**
 * One check of one item of an archive package.
 *
 * @param property which of the four properties it belongs to
 * @param check a stable code for the check, e.g. {@code FILE_DIGEST}, {@code RECEIPT_PROJECT}
 * @param subject what was checked: an entry of the package, an evidence id, a stage
 * @param status the outcome
 * @param message what was found, with the expected and the found values when they differ
 */
public record Finding(Property property, String check, String subject, Status status, String message) {

    /** The outcome of one check. */
    public enum Status {
        /** The check passed. */
        PASS,
        /** The check failed: the package is not as archived, or not integral, usable or safe. */
        FAIL,
        /**
         * Every step passed but against certificates the package carries itself, because no trust root was given:
         * consistent, but vouched for by nobody.
         */
        UNPINNED,
        /** No check exists for this item (e.g. a media type without a reader); it does not fail the package. */
        NOT_CHECKED
    }

    public Finding {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    static Finding pass(Property property, String check, String subject, String message) {
        return new Finding(property, check, subject, Status.PASS, message);
    }

    static Finding fail(Property property, String check, String subject, String message) {
        return new Finding(property, check, subject, Status.FAIL, message);
    }

    /** One line for people: {@code PASS 真实性 FILE_DIGEST files/x.pdf: ...}. */
    public String line() {
        return String.format("%-11s %s %-24s %s: %s", status, property.zh(), check, subject, message);
    }
}
