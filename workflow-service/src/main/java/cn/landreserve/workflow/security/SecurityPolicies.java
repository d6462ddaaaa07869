package cn.landreserve.workflow.security;

import cn.landreserve.workflow.infra.ReserveProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The policy in force: the security administrator's (one row of {@code reserve.security_policy}), else the
 * settings' ({@code reserve.security.*}). Read at most every few seconds, so that several instances sharing a
 * database follow a change within that time without a query per request.
 */
@Component
public class SecurityPolicies {

    private static final long REREAD_MILLIS = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecurityPolicy defaults;
    private volatile SecurityPolicy cached;
    private volatile long readAt;

    SecurityPolicies(JdbcClient jdbc, Clock clock, ReserveProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaults = SecurityPolicy.of(properties.security());
        if (!defaults.problems().isEmpty()) {
            throw new cn.landreserve.workflow.infra.InvalidSettingException("reserve.security",
                    String.join("; ", defaults.problems()));
        }
        if (properties.security().auditRetention().compareTo(Duration.ofDays(180)) < 0) {
            throw new cn.landreserve.workflow.infra.InvalidSettingException("reserve.security.audit-retention",
                    "must be at least 180 days (网络安全法 art. 21: logs kept at least six months)");
        }
    }

    public SecurityPolicy current() {
        long now = clock.millis();
        SecurityPolicy policy = cached;
        if (policy == null || now - readAt > REREAD_MILLIS) {
            policy = stored().orElse(defaults);
            cached = policy;
            readAt = now;
        }
        return policy;
    }

    /** The settings' policy, which applies when the security administrator has set none. */
    public SecurityPolicy defaults() {
        return defaults;
    }

    public boolean customised() {
        return stored().isPresent();
    }

    private Optional<SecurityPolicy> stored() {
        return jdbc.sql("select * from reserve.security_policy where id = 1")
                .query((rs, n) -> new SecurityPolicy(rs.getInt("min_length"), rs.getInt("min_character_classes"),
                        rs.getInt("history"), rs.getInt("max_age_days"), rs.getInt("lockout_threshold"),
                        Duration.ofSeconds(rs.getInt("lockout_seconds")),
                        Duration.ofSeconds(rs.getInt("idle_timeout_seconds"))))
                .optional();
    }

    /** Stores the security administrator's policy (already checked with {@link SecurityPolicy#problems()}). */
    public void store(SecurityPolicy policy, String changedBy) {
        jdbc.sql("""
                insert into reserve.security_policy(id, min_length, min_character_classes, history, max_age_days,
                    lockout_threshold, lockout_seconds, idle_timeout_seconds, changed_by, changed_at)
                values (1, :len, :classes, :history, :age, :threshold, :lockout, :idle, :by, :at)
                on conflict (id) do update set min_length = excluded.min_length,
                    min_character_classes = excluded.min_character_classes, history = excluded.history,
                    max_age_days = excluded.max_age_days, lockout_threshold = excluded.lockout_threshold,
                    lockout_seconds = excluded.lockout_seconds, idle_timeout_seconds = excluded.idle_timeout_seconds,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at""")
                .param("len", policy.minLength()).param("classes", policy.minCharacterClasses())
                .param("history", policy.history()).param("age", policy.maxAgeDays())
                .param("threshold", policy.lockoutThreshold())
                .param("lockout", (int) policy.lockoutDuration().getSeconds())
                .param("idle", (int) policy.idleTimeout().getSeconds())
                .param("by", changedBy).param("at", Timestamp.from(clock.instant())).update();
        cached = null;
    }

    /** Back to the settings' policy. */
    public void reset() {
        jdbc.sql("delete from reserve.security_policy where id = 1").update();
        cached = null;
    }
}
