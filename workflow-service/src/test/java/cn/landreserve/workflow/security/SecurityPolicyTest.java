package cn.landreserve.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SecurityPolicyTest {

    static final SecurityPolicy POLICY = new SecurityPolicy(10, 3, 5, 90, 5, Duration.ofMinutes(15), Duration.ofMinutes(15));

    @Test
    void a_password_needs_the_length_and_the_character_classes_and_not_the_user_name() {
        assertThat(POLICY.weaknesses("Zq7#wind-river", "zhang")).isEmpty();
        assertThat(POLICY.weaknesses("土地储备Ab1!", "zhang")).as("Chinese letters are letters, length counts characters")
                .containsExactly("TOO_SHORT");
        assertThat(POLICY.weaknesses("abcdefghijk", "zhang")).containsExactly("TOO_FEW_CHARACTER_CLASSES");
        assertThat(POLICY.weaknesses("abcdefghij12", "zhang")).containsExactly("TOO_FEW_CHARACTER_CLASSES");
        assertThat(POLICY.weaknesses("abcdefghij1!", "zhang")).isEmpty();
        assertThat(POLICY.weaknesses("Zhang-2026-ok", "zhang")).containsExactly("CONTAINS_USERNAME");
        assertThat(POLICY.weaknesses("Abc1!\u0000defghij", "zhang")).containsExactly("CONTROL_CHARACTER");
        assertThat(POLICY.weaknesses("Aa1!" + "x".repeat(200), "zhang")).containsExactly("TOO_LONG");
    }

    @Test
    void a_password_expires_after_max_age_days_and_never_with_zero() {
        Instant changed = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(POLICY.expired(changed, changed.plus(Duration.ofDays(90)))).isFalse();
        assertThat(POLICY.expired(changed, changed.plus(Duration.ofDays(90)).plusSeconds(1))).isTrue();
        SecurityPolicy never = new SecurityPolicy(10, 3, 5, 0, 5, Duration.ofMinutes(15), Duration.ofMinutes(15));
        assertThat(never.expired(changed, changed.plus(Duration.ofDays(10_000)))).isFalse();
    }

    @Test
    void a_policy_that_cannot_be_applied_says_why() {
        assertThat(POLICY.problems()).isEmpty();
        SecurityPolicy bad = new SecurityPolicy(4, 5, -1, 5000, 0, Duration.ZERO, null);
        assertThat(bad.problems()).hasSize(7);
    }
}
