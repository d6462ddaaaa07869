package cn.landreserve.workflow.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users in {@code reserve.app_user}, passwords hashed (bcrypt through Spring's delegating encoder). */
@Repository
public class UserRepository {

    static final String FEDERATED = "federated";
    static final int MAX_USERNAME = 64;

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A user who may sign in with a password: federated (OpenID Connect) users have none here and are not found. */
    public Optional<ReserveUser> findForPasswordSignIn(String username) {
        return find(username).filter(u -> !FEDERATED.equals(u.passwordHash()));
    }

    public Optional<ReserveUser> find(String username) {
        if (username == null || username.isEmpty() || username.length() > MAX_USERNAME) {
            return Optional.empty();
        }
        return jdbc.sql("select * from reserve.app_user where username = :u").param("u", username)
                .query((rs, n) -> user(rs)).optional();
    }

    private static ReserveUser user(ResultSet rs) throws SQLException {
        String roleName = rs.getString("role");
        Role role = roleName == null ? null : Role.valueOf(roleName);
        // only reviewers' departments are lifecycle departments; others' are organisational units
        Department department = role == Role.REVIEWER
                ? Department.fromSlug(rs.getString("department")).orElseThrow() : null;
        return new ReserveUser(new Actor(rs.getString("username"), rs.getString("display_name"), role, department),
                rs.getString("password_hash"), rs.getBoolean("enabled"),
                new ReserveUser.State(instant(rs, "password_changed_at"), rs.getBoolean("must_change_password"),
                        rs.getInt("failed_attempts"), instant(rs, "locked_until"), instant(rs, "last_login_at")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public Optional<Actor> actor(String username) {
        return find(username).map(ReserveUser::actor);
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from reserve.app_user where username = :u").param("u", username)
                .query(Integer.class).single() > 0;
    }

    public void insert(Actor actor, String passwordHash) {
        jdbc.sql("""
                insert into reserve.app_user(username, display_name, password_hash, role, department)
                values (:u, :d, :p, :r, :dept)""")
                .param("u", actor.username()).param("d", actor.displayName()).param("p", passwordHash)
                .param("r", actor.role() == null ? null : actor.role().name())
                .param("dept", actor.department() == null ? null : actor.department().slug())
                .update();
    }

    /**
     * Records a user who signs in through the OpenID Connect provider, the first time they act, so that evidence
     * can name them. Such a row is disabled for password sign-in: its password is the provider's business.
     */
    public void ensureFederated(Actor actor) {
        jdbc.sql("""
                insert into reserve.app_user(username, display_name, password_hash, role, department, enabled)
                values (:u, :d, 'federated', :r, :dept, false) on conflict (username) do nothing""")
                .param("u", actor.username()).param("d", actor.displayName()).param("r", actor.role().name())
                .param("dept", actor.department() == null ? null : actor.department().slug())
                .update();
    }

    public List<Actor> all() {
        return jdbc.sql("select username from reserve.app_user order by username").query(String.class).list().stream()
                .map(u -> actor(u).orElseThrow()).toList();
    }

    /**
     * Counts a failed sign-in; at the policy's threshold the account is locked until {@code lockUntil} and the count
     * starts again. Returns the lock's end when this failure locked the account, else empty.
     */
    Optional<Instant> recordFailure(String username, int threshold, Instant lockUntil) {
        return jdbc.sql("""
                update reserve.app_user set
                    locked_until = case when failed_attempts + 1 >= :threshold then :until else locked_until end,
                    failed_attempts = case when failed_attempts + 1 >= :threshold then 0 else failed_attempts + 1 end
                where username = :u
                returning case when failed_attempts = 0 then locked_until end""")
                .param("threshold", threshold).param("until", Timestamp.from(lockUntil)).param("u", username)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .optional().flatMap(o -> o);
    }

    /** A successful sign-in: failures forgotten, and (at most once a minute) when it happened. */
    void recordSuccess(ReserveUser user, Instant now) {
        ReserveUser.State s = user.state();
        boolean stale = s.lastLoginAt() == null || s.lastLoginAt().isBefore(now.minusSeconds(60));
        if (s.failedAttempts() > 0 || s.lockedUntil() != null || stale) {
            jdbc.sql("""
                    update reserve.app_user set failed_attempts = 0, locked_until = null, last_login_at = :now
                    where username = :u""")
                    .param("now", Timestamp.from(now)).param("u", user.getUsername()).update();
        }
    }
}
