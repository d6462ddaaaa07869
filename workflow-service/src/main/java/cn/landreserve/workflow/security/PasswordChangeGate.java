package cn.landreserve.workflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After sign-in, before the API: a browser session follows its account (disabled, locked, another role or a new
 * password elsewhere end it at the next request), and a user whose password must change (first login with a
 * one-time password, or expired) may only change it, see who they are and sign out.
 */
final class PasswordChangeGate extends OncePerRequestFilter {

    private final UserRepository users;
    private final SecurityPolicies policies;
    private final Clock clock;

    PasswordChangeGate(UserRepository users, SecurityPolicies policies, Clock clock) {
        this.users = users;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof ReserveUser user)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader("Authorization") == null) { // a session: its principal was read at login
            Optional<ReserveUser> fresh;
            try {
                fresh = users.findForPasswordSignIn(user.getUsername());
            } catch (DataAccessException e) {
                JsonErrors.write(response, 503, "DATABASE_UNAVAILABLE",
                        "the database cannot be reached just now; nothing was changed, try again");
                return;
            }
            if (fresh.isEmpty() || !sameAccount(user, fresh.get())) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                JsonErrors.write(response, 401, "SESSION_ENDED",
                        "the account was changed, disabled or locked; sign in again");
                return;
            }
            if (!fresh.get().equals(user)) {
                remember(request, fresh.get());
                user = fresh.get();
            }
        }
        if (user.passwordChangeDue(policies.current(), clock.instant()) && !allowedBeforeChange(request)) {
            JsonErrors.write(response, 403, "PASSWORD_CHANGE_REQUIRED",
                    "change your password first (first sign-in with a one-time password, or the password expired)");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Same person, role and password, still enabled and not locked. */
    private boolean sameAccount(ReserveUser before, ReserveUser now) {
        return now.isEnabled() && !now.state().lockedAt(clock.instant())
                && Objects.equals(before.actor(), now.actor()) && before.passwordHash().equals(now.passwordHash());
    }

    static boolean allowedBeforeChange(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !uri.startsWith("/api/") || uri.equals("/api/session") || uri.equals("/api/account")
                || uri.startsWith("/api/account/")
                || uri.startsWith("/api/public/") || uri.startsWith("/api/lifecycle/");
    }

    /** Replaces the session's principal with the account as it is now (e.g. after a password change). */
    static void remember(HttpServletRequest request, ReserveUser user) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        }
    }
}
