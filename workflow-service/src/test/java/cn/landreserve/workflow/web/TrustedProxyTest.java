package cn.landreserve.workflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.accesslog.AccessLog;
import cn.landreserve.workflow.support.RawHttp;
import cn.landreserve.workflow.support.TestService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Behind a trusted reverse proxy (here: the test itself, on 127.0.0.1) the client's address and scheme are the
 * proxy's word: the rate limit counts per real client, the access log names it, HSTS goes out on what came over TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class TrustedProxyTest {

    @TempDir
    static Path dir;

    ConfigurableApplicationContext service;
    int port;

    @BeforeAll
    void start() {
        service = TestService.start(dir, "reserve.security.trusted-proxies=127.0.0.1",
                "reserve.public.url=https://reserve.example.gov.cn", "reserve.public.requests-per-minute=3",
                "reserve.demo.sample-projects=false", "camunda.bpm.job-execution.enabled=false");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    RawHttp.Answer get(String path, String forwardedFor, String proto) {
        return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: reserve.example.gov.cn\r\nX-Forwarded-For: "
                + forwardedFor + "\r\n" + (proto == null ? "" : "X-Forwarded-Proto: " + proto + "\r\n"));
    }

    @Test
    void the_client_address_and_scheme_come_from_the_trusted_proxy() {
        RawHttp.Answer tls = get("/api/public/projects?q=proxied", "203.0.113.9", "https");
        assertThat(tls.status()).isEqualTo(200);
        assertThat(tls.header("Strict-Transport-Security")).contains("max-age=31536000").contains("includeSubDomains");
        AccessLog.Entry entry = service.getBean(AccessLog.class).latest(1).get(0);
        assertThat(entry.target()).isEqualTo("/api/public/projects?q=proxied");
        assertThat(entry.client()).isEqualTo("203.0.113.9");

        RawHttp.Answer plain = get("/api/public/projects?q=plain", "203.0.113.10", "http");
        assertThat(plain.header("Strict-Transport-Security")).as("came over plain HTTP").isNull();

        // three requests a minute per client: one client is refused after its third (within at most two windows),
        // while another client behind the same proxy is not
        int answered = 0;
        while (get("/api/public/projects", "198.51.100.1", "https").status() == 200) {
            answered++;
            assertThat(answered).as("requests of one client before a 429").isLessThanOrEqualTo(6);
        }
        assertThat(answered).isGreaterThanOrEqualTo(3);
        assertThat(get("/api/public/projects", "198.51.100.2", "https").status()).isEqualTo(200);
    }
}
