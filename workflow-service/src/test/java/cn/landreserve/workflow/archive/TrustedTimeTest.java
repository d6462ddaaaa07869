package cn.landreserve.workflow.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.ledger.archive.Finding;
import cn.landreserve.ledger.archive.TimestampVerifier;
import cn.landreserve.ledger.receipt.Certificates;
import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trusted time over HTTP, as against a national time service: RFC 3161 requests POSTed to each configured authority
 * in turn (here: authorities on loopback answering with BouncyCastle's TSP responder), every token checked against
 * the configured TSA certificates before it is used; and the embedded default, labelled LOCAL.
 */
@Timeout(60)
class TrustedTimeTest {

    static final String NATIONAL = "O=Test,CN=National Time Service TSA (test stand-in)";

    @TempDir
    Path dir;
    final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** An RFC 3161 authority on loopback; {@code status} other than 200 answers that status and nothing else. */
    URI authority(LocalTimeStampAuthority tsa, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsa", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            boolean query = "application/timestamp-query".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] reply;
            try {
                reply = status == 200 && query ? tsa.respond(request) : new byte[0];
            } catch (Exception e) {
                reply = new byte[0];
            }
            exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(reply.length == 0 ? (status == 200 ? 400 : status) : 200,
                    reply.length == 0 ? -1 : reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    TrustedTime configured(List<URI> urls, Path certificates) throws IOException {
        return new TrustedTime(new ReserveProperties(dir.resolve("data"), null, null, null, null,
                new ReserveProperties.Archive(urls, certificates, Duration.ofSeconds(5)),
                null, null, null, null, null, null, null, null));
    }

    @Test
    void a_failing_authority_is_passed_over_and_the_next_ones_token_is_checked_against_the_pinned_certificate()
            throws Exception {
        LocalTimeStampAuthority national = LocalTimeStampAuthority.openOrCreate(dir.resolve("national"), NATIONAL);
        Path pin = Files.writeString(dir.resolve("national.pem"), Certificates.toPem(national.certificate()));
        URI failing = authority(national, 503);
        URI answering = authority(national, 200);
        TrustedTime time = configured(List.of(failing, answering), pin);

        byte[] data = "manifest bytes".getBytes(StandardCharsets.UTF_8);
        TrustedTime.Stamp stamp = time.stamp(data);
        assertThat(stamp.source()).isEqualTo(answering.toString());
        assertThat(stamp.local()).isFalse();
        assertThat(stamp.tsa()).isEqualTo("CN=National Time Service TSA (test stand-in),O=Test");
        assertThat(new TimestampVerifier(List.of(national.certificate())).verify(stamp.token(), data).status())
                .isEqualTo(Finding.Status.PASS);
        assertThat(time.local()).isFalse();
        assertThat(time.certificatesPem()).isEqualTo(Certificates.toPem(national.certificate()));
    }

    @Test
    void a_token_signed_by_an_authority_other_than_the_pinned_one_is_never_used() throws Exception {
        LocalTimeStampAuthority impostor = LocalTimeStampAuthority.openOrCreate(dir.resolve("impostor"));
        LocalTimeStampAuthority national = LocalTimeStampAuthority.openOrCreate(dir.resolve("national"), NATIONAL);
        Path pin = Files.writeString(dir.resolve("national.pem"), Certificates.toPem(national.certificate()));
        TrustedTime time = configured(List.of(authority(impostor, 200)), pin);
        assertThatThrownBy(() -> time.stamp(new byte[] {1, 2, 3}))
                .isInstanceOf(TrustedTimeUnavailableException.class)
                .hasMessageContaining("no time-stamping authority gave a valid token")
                .hasMessageContaining("neither a pinned TSA certificate nor issued by one");
    }

    @Test
    void external_authorities_need_their_certificates_and_an_http_url() {
        assertThatThrownBy(() -> configured(List.of(URI.create("https://tsa.example/")), null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("reserve.archive.tsa-certificates (RESERVE_ARCHIVE_TSACERTIFICATES): is required");
        assertThatThrownBy(() -> configured(List.of(URI.create("ftp://tsa.example/")), dir.resolve("x.pem")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'ftp://tsa.example/' is not an http or https URL");
    }

    @Test
    void the_embedded_default_stamps_locally_with_a_kept_certificate_and_says_so() throws Exception {
        TrustedTime first = configured(List.of(), null);
        TrustedTime.Stamp stamp = first.stamp("seal".getBytes(StandardCharsets.UTF_8));
        assertThat(stamp.local()).isTrue();
        assertThat(stamp.source()).isEqualTo("LOCAL");
        assertThat(TimestampVerifier.isLocal(first.pinned().get(0))).isTrue();
        assertThat(Files.getPosixFilePermissions(dir.resolve("data/tsa/tsa-key.pem")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        // a restart keeps the authority: tokens made before verify against the certificate served after
        TrustedTime again = configured(List.of(), null);
        assertThat(again.certificatesPem()).isEqualTo(first.certificatesPem());
        assertThat(new TimestampVerifier(again.pinned()).verify(stamp.token(), "seal".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(Finding.Status.PASS);
    }
}
