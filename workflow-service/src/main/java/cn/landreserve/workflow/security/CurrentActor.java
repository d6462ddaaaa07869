package cn.landreserve.workflow.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The actor behind the current request; controllers pass it on to services as a plain value. */
@Component
public class CurrentActor {

    private final UserRepository users;

    CurrentActor(UserRepository users) {
        this.users = users;
    }

    /**
     * After the signed-in user's own account changed (their password): the browser session carries the account as
     * it is now, so that the session goes on.
     */
    public void refreshSession(jakarta.servlet.http.HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ReserveUser user) {
            users.findForPasswordSignIn(user.getUsername()).ifPresent(fresh -> PasswordChangeGate.remember(request, fresh));
        }
    }

    /** The signed-in user's account state, when they signed in with a password. */
    public java.util.Optional<ReserveUser> passwordUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof ReserveUser user ? java.util.Optional.of(user)
                : java.util.Optional.empty();
    }

    public Actor require() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ReserveUser user) {
            return user.actor();
        }
        if (auth instanceof JwtAuthenticationToken token) {
            Actor actor = JwtActors.actor(token.getToken());
            users.ensureFederated(actor);
            return actor;
        }
        if (auth != null && auth.isAuthenticated() && auth.getName() != null) {
            return users.actor(auth.getName()).orElseThrow(() -> new IllegalStateException("unknown user " + auth.getName()));
        }
        throw new IllegalStateException("no signed-in user");
    }
}
