package cn.landreserve.workflow.kernel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * The id of a piece of evidence (a document, a decision, a version of a project's facts, a seal) as the ledger keys
 * it: the same rule as the contract's ({@code chaincode.Fields.ID}; a test keeps the two equal).
 */
public record EvidenceId(@JsonValue String value) {

    /** The contract's rule for an evidence id. */
    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9:._-]{1,128}");

    public EvidenceId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an evidence id: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
