package cn.landreserve.workflow.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The administration side of {@code reserve.app_user}, {@code reserve.password_history} and {@code reserve.department}. */
@Repository
class AccountRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Account> all() {
        return jdbc.sql("select * from reserve.app_user order by username").query((rs, n) -> account(rs)).list();
    }

    Optional<Account> find(String username) {
        if (username == null || username.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("select * from reserve.app_user where username = :u").param("u", username)
                .query((rs, n) -> account(rs)).optional();
    }

    private Account account(ResultSet rs) throws SQLException {
        Instant lockedUntil = instant(rs, "locked_until");
        return new Account(rs.getString("username"), rs.getString("display_name"), rs.getString("role"),
                rs.getString("department"), rs.getBoolean("enabled"), "federated".equals(rs.getString("password_hash")),
                lockedUntil != null && lockedUntil.isAfter(clock.instant()), lockedUntil,
                rs.getBoolean("must_change_password"), instant(rs, "password_changed_at"), instant(rs, "last_login_at"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    void create(String username, String displayName, String department, String role, String passwordHash) {
        jdbc.sql("""
                insert into reserve.app_user(username, display_name, password_hash, role, department,
                    must_change_password, password_changed_at)
                values (:u, :d, :p, :r, :dept, true, :now)""")
                .param("u", username).param("d", displayName).param("p", passwordHash).param("r", role)
                .param("dept", department).param("now", Timestamp.from(clock.instant())).update();
    }

    void update(String username, String displayName, String department) {
        jdbc.sql("update reserve.app_user set display_name = :d, department = :dept where username = :u")
                .param("d", displayName).param("dept", department).param("u", username).update();
    }

    void setEnabled(String username, boolean enabled) {
        jdbc.sql("update reserve.app_user set enabled = :e where username = :u").param("e", enabled)
                .param("u", username).update();
    }

    void assignRole(String username, String role, String department) {
        jdbc.sql("update reserve.app_user set role = :r, department = :dept where username = :u")
                .param("r", role).param("dept", department).param("u", username).update();
    }

    void unlock(String username) {
        jdbc.sql("update reserve.app_user set failed_attempts = 0, locked_until = null where username = :u")
                .param("u", username).update();
    }

    String passwordHash(String username) {
        return jdbc.sql("select password_hash from reserve.app_user where username = :u").param("u", username)
                .query(String.class).single();
    }

    /** The newest {@code n} earlier hashes. */
    List<String> history(String username, int n) {
        return jdbc.sql("""
                select password_hash from reserve.password_history where username = :u
                order by replaced_at desc limit :n""").param("u", username).param("n", n).query(String.class).list();
    }

    /**
     * Sets a new password hash, keeping the old one in the history. {@code oneTime}: an administrator set it; the
     * user must change it at the next sign-in (and a lockout ends).
     */
    void setPassword(String username, String newHash, boolean oneTime) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into reserve.password_history(username, password_hash, replaced_at)
                select username, password_hash, :now from reserve.app_user where username = :u""")
                .param("now", Timestamp.from(now)).param("u", username).update();
        jdbc.sql("""
                update reserve.app_user set password_hash = :p, password_changed_at = :now,
                    must_change_password = :oneTime,
                    failed_attempts = case when :oneTime then 0 else failed_attempts end,
                    locked_until = case when :oneTime then null else locked_until end
                where username = :u""")
                .param("p", newHash).param("now", Timestamp.from(now)).param("oneTime", oneTime).param("u", username)
                .update();
    }

    long countWithRole(String role) {
        return jdbc.sql("select count(*) from reserve.app_user where role = :r").param("r", role)
                .query(Long.class).single();
    }

    // departments

    record Department(String slug, String nameZh, String nameEn, boolean reviewing, boolean enabled) {}

    List<Department> departments() {
        return jdbc.sql("select * from reserve.department order by reviewing desc, slug")
                .query((rs, n) -> new Department(rs.getString("slug"), rs.getString("name_zh"), rs.getString("name_en"),
                        rs.getBoolean("reviewing"), rs.getBoolean("enabled")))
                .list();
    }

    Optional<Department> department(String slug) {
        return departments().stream().filter(d -> d.slug().equals(slug)).findFirst();
    }

    void createDepartment(String slug, String nameZh, String nameEn) {
        jdbc.sql("insert into reserve.department(slug, name_zh, name_en) values (:s, :zh, :en)")
                .param("s", slug).param("zh", nameZh).param("en", nameEn).update();
    }

    void updateDepartment(String slug, String nameZh, String nameEn, boolean enabled) {
        jdbc.sql("update reserve.department set name_zh = :zh, name_en = :en, enabled = :e where slug = :s")
                .param("s", slug).param("zh", nameZh).param("en", nameEn).param("e", enabled).update();
    }
}
