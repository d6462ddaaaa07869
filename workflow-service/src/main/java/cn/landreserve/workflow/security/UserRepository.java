package cn.landreserve.workflow.security;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;

/** Users in {@code reserve.app_user}, passwords hashed (bcrypt through Spring's delegating encoder). */
@Repository
public class UserRepository implements UserDetailsService {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For password sign-in: federated (OpenID Connect) users have no password here and are not found. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        return find(username).filter(u -> !FEDERATED.equals(u.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    static final String FEDERATED = "federated";

    Optional<ReserveUser> find(String username) {
        if (username == null || username.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("select * from reserve.app_user where username = :u").param("u", username)
                .query((rs, n) -> new ReserveUser(
                        new Actor(rs.getString("username"), rs.getString("display_name"),
                                Role.valueOf(rs.getString("role")),
                                rs.getString("department") == null ? null
                                        : Department.fromSlug(rs.getString("department")).orElseThrow()),
                        rs.getString("password_hash"), rs.getBoolean("enabled")))
                .optional();
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
                .param("r", actor.role().name())
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
}
