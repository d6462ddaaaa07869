package cn.landreserve.workflow.security;

import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may call what. Browser sessions log in with a form and carry a CSRF token; API clients send credentials on
 * each request (HTTP Basic) and need no CSRF token, since no cookie authenticates them. The public endpoints need
 * no login. Finer rules (whose task, which classification) are checked by the services.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** BCrypt (through Spring's delegating encoder), with recent successes remembered for HTTP Basic clients. */
    @Bean
    PasswordEncoder passwordEncoder(Clock clock) {
        return new RecentlyVerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
    }

    /** Requests the firewall refuses (encoded separators, ';' in paths…) get the API's error shape. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> JsonErrors.write(response, 400, "MALFORMED_REQUEST",
                "the request's path or headers are not allowed");
    }

    /** Content-Security-Policy: the UI is plain modules from this origin; no inline script, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder, UserRepository users,
            SecurityPolicies policies, ApplicationEventPublisher events, Clock clock) throws Exception {
        if (jwtDecoder.getIfAvailable() != null) {
            // Production sign-in: bearer tokens of the bureau's OpenID Connect provider (see README).
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtActors()))
                    .authenticationEntryPoint((req, res, e) -> JsonErrors.write(res, 401, "UNAUTHENTICATED",
                            "the bearer token is invalid, expired or names no valid role")));
        }
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null);
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/api/public/**", "/api/session").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/lifecycle/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html")
                                .permitAll()
                        .requestMatchers("/", "/index.html", "/login", "/logout", "/assets/**", "/favicon.ico", "/error")
                                .permitAll()
                        // 三员分立: each administrator role has its own part of the API and nothing else
                        .requestMatchers("/api/admin/system/**").hasRole("SYSTEM_ADMIN")
                        .requestMatchers("/api/admin/security/**").hasRole("SECURITY_ADMIN")
                        .requestMatchers("/api/admin/audit/**").hasRole("AUDIT_ADMIN")
                        .requestMatchers("/api/admin/**").denyAll()
                        .requestMatchers("/api/account/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/projects").hasRole("APPLICANT")
                        .requestMatchers(HttpMethod.POST, "/api/projects/*/amendments").hasRole("APPLICANT")
                        .requestMatchers(HttpMethod.POST, "/api/projects/*/publication").hasRole("APPROVER")
                        // Parcels and the red line: the applicant draws the parcels, the operator imports the red
                        // line; inspectors see the parcels and the red line to find the land, not the overlap review.
                        .requestMatchers(HttpMethod.PUT, "/api/projects/*/parcels").hasRole("APPLICANT")
                        .requestMatchers(HttpMethod.GET, "/api/projects/*/parcels")
                                .hasAnyRole("APPLICANT", "REVIEWER", "APPROVER", "AUDITOR", "INSPECTOR")
                        .requestMatchers(HttpMethod.POST, "/api/red-line").hasRole("OPERATOR")
                        .requestMatchers(HttpMethod.GET, "/api/red-line")
                                .hasAnyRole("APPLICANT", "REVIEWER", "APPROVER", "AUDITOR", "OPERATOR", "INSPECTOR")
                        .requestMatchers(HttpMethod.GET, "/api/red-line/versions")
                                .hasAnyRole("APPLICANT", "REVIEWER", "APPROVER", "AUDITOR", "OPERATOR")
                        // Supervision of stored land: inspectors record inspections; the agency, approvers and
                        // auditors read them.
                        .requestMatchers(HttpMethod.POST, "/api/projects/*/inspections").hasRole("INSPECTOR")
                        .requestMatchers(HttpMethod.GET, "/api/projects/*/inspections")
                                .hasAnyRole("APPLICANT", "APPROVER", "AUDITOR", "INSPECTOR")
                        .requestMatchers(HttpMethod.GET, "/api/inspections/due")
                                .hasAnyRole("APPLICANT", "APPROVER", "AUDITOR", "INSPECTOR")
                        .requestMatchers("/api/tasks/**").hasAnyRole("APPLICANT", "REVIEWER", "APPROVER")
                        .requestMatchers("/api/audit/**").hasRole("AUDITOR")
                        .requestMatchers("/api/ops/**").hasRole("OPERATOR")
                        // The leadership cockpit and the reserve land register (project facts, stages and evidence
                        // status; no files, no personal data): leaders, auditors and the operators who watch the
                        // anchoring backlog — not applicants or department reviewers, whose work is their task lists.
                        .requestMatchers(HttpMethod.GET, "/api/cockpit", "/api/register")
                                .hasAnyRole("APPROVER", "AUDITOR", "OPERATOR")
                        // Evidence is read by the people who work on it and by auditors; operators run the service
                        // without reading its content (least privilege).
                        .requestMatchers("/api/projects/**", "/api/documents/**", "/api/evidence/**")
                                .hasAnyRole("APPLICANT", "REVIEWER", "APPROVER", "AUDITOR")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(
                        (req, res, e) -> JsonErrors.authenticationFailed(res, e, "wrong username or password")))
                // GET /login and /logout are the UI's own pages (SignInPages); POST does the work
                .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login").permitAll()
                        .successHandler((req, res, a) -> {
                            // idle browser sessions end after the policy's idle timeout
                            req.getSession().setMaxInactiveInterval(
                                    (int) policies.current().idleTimeout().getSeconds());
                            events.publishEvent(new SecurityEvent(a.getName(), roleOf(a), req.getRemoteAddr(),
                                    "SIGNED_IN", a.getName(), "browser session", "OK"));
                            res.setStatus(HttpStatus.NO_CONTENT.value());
                        })
                        .failureHandler((req, res, e) -> JsonErrors.authenticationFailed(res, e, "wrong username or password")))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessHandler((req, res, a) -> {
                            if (a != null) {
                                events.publishEvent(new SecurityEvent(a.getName(), roleOf(a), req.getRemoteAddr(),
                                        "SIGNED_OUT", a.getName(), "browser session", "OK"));
                            }
                            res.setStatus(HttpStatus.NO_CONTENT.value());
                        }))
                .addFilterAfter(new PasswordChangeGate(users, policies, clock), AuthorizationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        // HSTS only on requests that came over TLS (directly, or through a trusted proxy)
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(
                                (req, res, ex) -> JsonErrors.write(res, 401, "UNAUTHENTICATED", "sign in first"),
                                request -> request.getRequestURI().startsWith("/api/"))
                        .accessDeniedHandler((req, res, ex) -> JsonErrors.write(res, 403, "ACCESS_DENIED",
                                "your role may not do this (or the CSRF token is missing)")))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfCookie())
                        .csrfTokenRequestHandler(csrfHandler)
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null));
        return http.build();
    }

    /** The CSRF token's cookie: readable by the page's script (it sends it back as a header), same-site only. */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return repository;
    }

    private static String roleOf(Authentication authentication) {
        return authentication.getPrincipal() instanceof ReserveUser user && user.hasRole()
                ? user.actor().role().name() : "-";
    }
}
