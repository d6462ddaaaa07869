package cn.landreserve.workflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in (for the web UI); also hands the browser its CSRF cookie. */
@RestController
class SessionController {

    private final CurrentActor currentActor;
    private final SecurityPolicies policies;
    private final java.time.Clock clock;

    SessionController(CurrentActor currentActor, SecurityPolicies policies, java.time.Clock clock) {
        this.currentActor = currentActor;
        this.policies = policies;
        this.clock = clock;
    }

    @GetMapping("/api/session")
    Map<String, Object> session(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        if (csrf != null) {
            csrf.getToken(); // loads the deferred token, so that the XSRF-TOKEN cookie is written
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Map<String, Object> body = new LinkedHashMap<>();
        boolean signedIn = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        body.put("authenticated", signedIn);
        if (signedIn) {
            Actor actor = currentActor.require();
            body.put("username", actor.username());
            body.put("displayName", actor.displayName());
            body.put("role", actor.role());
            body.put("department", actor.department() == null ? null : actor.department().slug());
            // first sign-in with a one-time password, or an expired password: the UI opens the change page
            body.put("passwordChangeRequired", currentActor.passwordUser()
                    .map(u -> u.passwordChangeDue(policies.current(), clock.instant())).orElse(false));
        }
        return body;
    }
}
