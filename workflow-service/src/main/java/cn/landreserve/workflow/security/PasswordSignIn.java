package cn.landreserve.workflow.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.TransactionException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Password sign-in, the same for the login form and HTTP Basic: a locked account is refused before its password is
 * looked at (so a password remembered for Basic clients does not open it), a wrong password counts towards the
 * lockout, and every failure and refusal goes into the administrators' log; a lockout is logged as an alert.
 */
@Component
class PasswordSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(PasswordSignIn.class);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final SecurityPolicies policies;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Compared against when the user does not exist, so that an unknown name costs as long as a wrong password. */
    private final String unknownUserHash;

    PasswordSignIn(UserRepository users, PasswordEncoder encoder, SecurityPolicies policies,
            ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.policies = policies;
        this.events = events;
        this.clock = clock;
        this.unknownUserHash = encoder.encode("no user has this password " + System.nanoTime());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        try {
            return check(attempt);
        } catch (DataAccessException | TransactionException e) {
            // the user store cannot be read or the failure not recorded: not the client's mistake (503)
            throw new InternalAuthenticationServiceException("sign-in cannot be checked just now", e);
        }
    }

    private Authentication check(Authentication attempt) {
        String name = attempt.getName();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        String client = attempt.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
                ? d.getRemoteAddress() : "-";
        Optional<ReserveUser> found = users.findForPasswordSignIn(name);
        if (found.isEmpty()) {
            encoder.matches(password, unknownUserHash);
            audit(SecurityEvent.typedName(name), "-", client, "SIGN_IN_FAILED", "unknown user or wrong password", "REFUSED");
            throw new BadCredentialsException("wrong username or password");
        }
        ReserveUser user = found.get();
        Instant now = clock.instant();
        String role = user.hasRole() ? user.actor().role().name() : "-";
        if (user.state().lockedAt(now)) {
            audit(name, role, client, "SIGN_IN_REFUSED", "account locked until " + user.state().lockedUntil(), "REFUSED");
            throw new AccountLockedException(user.state().lockedUntil());
        }
        if (!encoder.matches(password, user.passwordHash())) {
            SecurityPolicy policy = policies.current();
            Optional<Instant> lockedUntil = users.recordFailure(name, policy.lockoutThreshold(),
                    now.plus(policy.lockoutDuration()));
            if (lockedUntil.isPresent()) {
                log.warn("ALERT: account {} locked until {} after {} failed sign-ins (last from {})", name,
                        lockedUntil.get(), policy.lockoutThreshold(), client);
                audit(name, role, client, "ACCOUNT_LOCKED", policy.lockoutThreshold()
                        + " failed sign-ins in a row; locked until " + lockedUntil.get(), "ALERT");
            } else {
                audit(name, role, client, "SIGN_IN_FAILED", "wrong password", "REFUSED");
            }
            throw new BadCredentialsException("wrong username or password");
        }
        if (!user.isEnabled()) {
            audit(name, role, client, "SIGN_IN_REFUSED", "account disabled", "REFUSED");
            throw new DisabledException("the account is disabled");
        }
        if (!user.hasRole()) {
            audit(name, role, client, "SIGN_IN_REFUSED", "no role assigned yet", "REFUSED");
            throw new NoRoleException();
        }
        users.recordSuccess(user, now);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    private void audit(String actor, String role, String client, String action, String detail, String outcome) {
        events.publishEvent(new SecurityEvent(actor, role, client, action, actor, detail, outcome));
    }

    /** The account is locked after too many failed sign-ins. */
    static final class AccountLockedException extends LockedException {
        private static final long serialVersionUID = 1L;
        private final Instant until;

        AccountLockedException(Instant until) {
            super("the account is locked after too many failed sign-ins");
            this.until = until;
        }

        Instant until() {
            return until;
        }
    }

    /** The system administrator created the account; the security administrator has not given it a role yet. */
    static final class NoRoleException extends DisabledException {
        private static final long serialVersionUID = 1L;

        NoRoleException() {
            super("the account has no role yet");
        }
    }
}
