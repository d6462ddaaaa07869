package cn.landreserve.workflow.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A user of the service as Spring Security sees it, carrying the {@link Actor} and the account's sign-in state.
 * An account the security administrator has not given a role yet has an actor without role and cannot sign in.
 */
public record ReserveUser(Actor actor, String passwordHash, boolean enabled, State state) implements UserDetails {

    private static final long serialVersionUID = 2L;

    /** Password age, first-login change, failed sign-ins and lockout. */
    public record State(Instant passwordChangedAt, boolean mustChangePassword, int failedAttempts, Instant lockedUntil,
            Instant lastLoginAt) implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    public boolean hasRole() {
        return actor.role() != null;
    }

    /** Whether this user must change the password before doing anything else (first login, or expired). */
    public boolean passwordChangeDue(SecurityPolicy policy, Instant now) {
        return state.mustChangePassword() || policy.expired(state.passwordChangedAt(), now);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return actor.role() == null ? List.of() : List.of(new SimpleGrantedAuthority(actor.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
