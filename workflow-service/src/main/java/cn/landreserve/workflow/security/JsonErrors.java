package cn.landreserve.workflow.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;

/** The API's error shape for refusals that happen before a controller is reached. */
final class JsonErrors {

    private JsonErrors() {}

    /**
     * A failed sign-in: 401 for wrong credentials (and a locked, disabled or role-less account, each with its own
     * code), but 503 when the credentials could not be checked at all (the user store is unreachable), since that
     * is not the client's mistake.
     */
    static void authenticationFailed(HttpServletResponse response, AuthenticationException e, String message)
            throws IOException {
        if (e instanceof InternalAuthenticationServiceException) {
            write(response, 503, "DATABASE_UNAVAILABLE", "sign-in cannot be checked just now; try again");
        } else if (e instanceof PasswordSignIn.AccountLockedException locked) {
            write(response, 401, "ACCOUNT_LOCKED", "too many failed sign-ins: the account is locked for a while",
                    "{\"lockedUntil\":\"" + locked.until() + "\"}");
        } else if (e instanceof PasswordSignIn.NoRoleException) {
            write(response, 401, "NO_ROLE", "the account has no role yet; ask the security administrator");
        } else if (e instanceof DisabledException) {
            write(response, 401, "ACCOUNT_DISABLED", "the account is disabled; ask the system administrator");
        } else {
            write(response, 401, "UNAUTHENTICATED", message);
        }
    }

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        write(response, status, code, message, "{}");
    }

    /** {@code message} and {@code detailsJson} are the service's own text, never the client's. */
    static void write(HttpServletResponse response, int status, String code, String message, String detailsJson)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"details\":" + detailsJson + "}");
    }
}
