package cn.landreserve.workflow.kernel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import java.util.regex.Pattern;

/** A project's id: generated, never taken from user text. */
public record ProjectId(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("prj-[0-9a-f]{32}");

    public ProjectId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a project id: " + value);
        }
    }

    public static ProjectId generate() {
        return new ProjectId("prj-" + UUID.randomUUID().toString().replace("-", ""));
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
