package cn.landreserve.workflow.security;

import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps a bearer token from the bureau's OpenID Connect provider to an {@link Actor}: claim {@code reserve_role}
 * (APPLICANT, REVIEWER, APPROVER, AUDITOR, OPERATOR), {@code reserve_department} for reviewers
 * (natural-resources, ecology-environment, finance), {@code preferred_username} (else {@code sub}), {@code name}.
 * A token whose claims do not make a valid actor is refused (401), never guessed at.
 */
final class JwtActors implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLE_CLAIM = "reserve_role";
    static final String DEPARTMENT_CLAIM = "reserve_department";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Actor actor = actor(jwt);
        return new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(actor.role().authority())),
                actor.username());
    }

    static Actor actor(Jwt jwt) {
        String username = jwt.hasClaim("preferred_username") ? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
        if (username == null || username.isBlank() || username.length() > 64) {
            throw new InvalidBearerTokenException("the token names no user");
        }
        Role role;
        try {
            role = Role.valueOf(String.valueOf(jwt.getClaimAsString(ROLE_CLAIM)));
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("the token's " + ROLE_CLAIM + " is not a role of this service");
        }
        if (role.administrator()) {
            // administrators are accounts of this service, under its lockout and password rules and its own log
            throw new InvalidBearerTokenException("administrator roles are not accepted from tokens");
        }
        Department department = null;
        if (role == Role.REVIEWER) {
            department = Department.fromSlug(String.valueOf(jwt.getClaimAsString(DEPARTMENT_CLAIM))).orElseThrow(
                    () -> new InvalidBearerTokenException("a reviewer's token needs a valid " + DEPARTMENT_CLAIM));
        }
        String name = jwt.hasClaim("name") ? jwt.getClaimAsString("name") : username;
        return new Actor(username, name, role, department);
    }
}
