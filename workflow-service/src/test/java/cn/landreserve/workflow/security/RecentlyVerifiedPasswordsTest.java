package cn.landreserve.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class RecentlyVerifiedPasswordsTest {

    /** Stands in for BCrypt: "hash:" + password, and counts how often it is asked. */
    static final class CountingEncoder implements PasswordEncoder {
        int checks;

        @Override
        public String encode(CharSequence raw) {
            return "hash:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks++;
            return encoded.equals("hash:" + raw);
        }
    }

    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final CountingEncoder bcrypt = new CountingEncoder();
    final ManualClock clock = new ManualClock();
    final RecentlyVerifiedPasswords passwords = new RecentlyVerifiedPasswords(bcrypt, clock);

    @Test
    void a_password_that_matched_is_not_checked_again_within_five_minutes() {
        assertThat(passwords.matches("s3cret", "hash:s3cret")).isTrue();
        assertThat(passwords.matches("s3cret", "hash:s3cret")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(passwords.matches("s3cret", "hash:s3cret")).isTrue();

        assertThat(bcrypt.checks).isEqualTo(1);
    }

    @Test
    void after_five_minutes_the_password_is_checked_again() {
        passwords.matches("s3cret", "hash:s3cret");
        clock.now = clock.now.plus(Duration.ofMinutes(5));

        assertThat(passwords.matches("s3cret", "hash:s3cret")).isTrue();
        assertThat(bcrypt.checks).isEqualTo(2);
    }

    @Test
    void wrong_passwords_are_checked_every_time_and_never_remembered() {
        for (int i = 0; i < 3; i++) {
            assertThat(passwords.matches("guess", "hash:s3cret")).isFalse();
        }
        assertThat(bcrypt.checks).isEqualTo(3);
    }

    @Test
    void a_changed_password_hash_is_checked_afresh_and_the_old_password_no_longer_matches() {
        passwords.matches("old", "hash:old");

        assertThat(passwords.matches("old", "hash:new")).isFalse();
        assertThat(passwords.matches("new", "hash:new")).isTrue();
        assertThat(bcrypt.checks).isEqualTo(3);
    }

    @Test
    void a_password_remembered_for_one_hash_does_not_match_another_users_hash() {
        passwords.matches("s3cret", "hash:s3cret");

        assertThat(passwords.matches("s3cret", "hash:other")).isFalse();
    }

    @Test
    void encoding_is_left_to_the_real_encoder() {
        assertThat(passwords.encode("pw")).isEqualTo("hash:pw");
    }
}
