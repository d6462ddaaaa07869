package cn.landreserve.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.support.TestService;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Production sign-in: bearer tokens of the bureau's identity provider, mapped to the same roles. */
class BearerTokenTest {

    static final KeyPair PROVIDER = rsa();
    static final KeyPair FORGER = rsa();
    static ConfigurableApplicationContext service;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("bearer");
        Path publicKey = dir.resolve("idp.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(PROVIDER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        service = TestService.start(dir.resolve("data"), "reserve.demo.sample-projects=false",
                "reserve.demo.password=bearer-pass",
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey);
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_signed_token_acts_in_the_role_it_names() throws Exception {
        String auditor = token(PROVIDER, Map.of("preferred_username", "sso.auditor", "reserve_role", "AUDITOR"), 300);
        assertThat(get("/api/audit/access-log", auditor).statusCode()).isEqualTo(200);
        HttpResponse<String> session = get("/api/session", auditor);
        assertThat(session.body()).contains("\"username\":\"sso.auditor\"").contains("\"role\":\"AUDITOR\"");
        String reviewer = token(PROVIDER, Map.of("preferred_username", "sso.fin", "reserve_role", "REVIEWER",
                "reserve_department", "finance"), 300);
        assertThat(get("/api/session", reviewer).body()).contains("\"department\":\"finance\"");
        assertThat(get("/api/audit/access-log", reviewer).statusCode()).isEqualTo(403);
    }

    @Test
    void forged_expired_or_malformed_role_claims_are_refused() throws Exception {
        assertRefused(token(FORGER, Map.of("preferred_username", "mallory", "reserve_role", "AUDITOR"), 300));
        assertRefused(token(PROVIDER, Map.of("preferred_username", "mallory", "reserve_role", "ADMIN"), 300));
        assertRefused(token(PROVIDER, Map.of("preferred_username", "mallory", "reserve_role", "REVIEWER"), 300));
        assertRefused(token(PROVIDER, Map.of("preferred_username", "mallory", "reserve_role", "AUDITOR"), -300));
        assertRefused("not.a.jwt");
        // an SSO user's row cannot be used for password sign-in
        token(PROVIDER, Map.of("preferred_username", "sso.applicant", "reserve_role", "APPLICANT"), 300);
        get("/api/session", token(PROVIDER, Map.of("preferred_username", "sso.applicant", "reserve_role", "APPLICANT"), 300));
        HttpResponse<String> basic = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/projects"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sso.applicant:federated".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    private static void assertRefused(String token) throws Exception {
        HttpResponse<String> r = get("/api/audit/access-log", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(KeyPair key, Map<String, Object> claims, long validSeconds) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(String.valueOf(claims.get("preferred_username")))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(validSeconds)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
        jwt.sign(new RSASSASigner(key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
