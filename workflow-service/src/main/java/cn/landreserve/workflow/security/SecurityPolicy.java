package cn.landreserve.workflow.security;

import cn.landreserve.workflow.infra.ReserveProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The password, lockout and session rules: minimum length and character classes (lower case, upper case, digits,
 * other characters), how many earlier passwords may not be reused, after how many days a password expires (0:
 * never), how many failed sign-ins in a row lock an account and for how long, and after how long an idle browser
 * session ends.
 */
public record SecurityPolicy(int minLength, int minCharacterClasses, int history, int maxAgeDays,
        int lockoutThreshold, Duration lockoutDuration, Duration idleTimeout) {

    public static final int MAX_PASSWORD_LENGTH = 128;

    public static SecurityPolicy of(ReserveProperties.Security settings) {
        return new SecurityPolicy(settings.passwordMinLength(), settings.passwordMinCharacterClasses(),
                settings.passwordHistory(), (int) settings.passwordMaxAge().toDays(), settings.lockoutThreshold(),
                settings.lockoutDuration(), settings.idleTimeout());
    }

    /** What is wrong with this policy itself, as {field: reason}; empty when it can be applied. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (minLength < 8 || minLength > 64) {
            problems.add("minLength must be between 8 and 64");
        }
        if (minCharacterClasses < 1 || minCharacterClasses > 4) {
            problems.add("minCharacterClasses must be between 1 and 4");
        }
        if (history < 0 || history > 24) {
            problems.add("history must be between 0 and 24");
        }
        if (maxAgeDays < 0 || maxAgeDays > 3650) {
            problems.add("maxAgeDays must be between 0 (never) and 3650");
        }
        if (lockoutThreshold < 1 || lockoutThreshold > 100) {
            problems.add("lockoutThreshold must be between 1 and 100");
        }
        if (lockoutDuration == null || lockoutDuration.getSeconds() < 1 || lockoutDuration.compareTo(Duration.ofDays(1)) > 0) {
            problems.add("lockoutDuration must be between PT1S and P1D");
        }
        if (idleTimeout == null || idleTimeout.getSeconds() < 1 || idleTimeout.compareTo(Duration.ofHours(8)) > 0) {
            problems.add("idleTimeout must be between PT1S and PT8H");
        }
        return problems;
    }

    /** The rules a new password breaks, as stable codes: TOO_SHORT, TOO_LONG, TOO_FEW_CHARACTER_CLASSES, … */
    public List<String> weaknesses(String password, String username) {
        List<String> broken = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            broken.add("TOO_SHORT");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            broken.add("TOO_LONG");
        }
        if (characterClasses(password) < minCharacterClasses) {
            broken.add("TOO_FEW_CHARACTER_CLASSES");
        }
        if (username != null && !username.isEmpty()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            broken.add("CONTAINS_USERNAME");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            broken.add("CONTROL_CHARACTER");
        }
        return broken;
    }

    static int characterClasses(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int c : password.codePoints().toArray()) {
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    public boolean expired(Instant passwordChangedAt, Instant now) {
        return maxAgeDays > 0 && passwordChangedAt != null
                && passwordChangedAt.plus(Duration.ofDays(maxAgeDays)).isBefore(now);
    }
}
