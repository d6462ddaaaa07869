package cn.landreserve.workflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.workflow.infra.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PublicUrlTest {

    @Test
    void a_configured_public_url_is_used_as_given_without_a_trailing_slash() {
        assertThat(new PublicUrl("https://reserve.example.gov.cn/", "0.0.0.0", 8080).base())
                .isEqualTo("https://reserve.example.gov.cn");
        assertThat(new PublicUrl("https://example.gov.cn/reserve", "", 8080).base()).isEqualTo("https://example.gov.cn/reserve");
    }

    @Test
    void unset_it_is_the_loopback_address_and_port_the_service_listens_on() {
        assertThat(new PublicUrl("", "127.0.0.1", 8082).base()).isEqualTo("http://127.0.0.1:8082");
        assertThat(new PublicUrl("", "::1", 8082).base()).isEqualTo("http://[::1]:8082");
        assertThat(new PublicUrl("", "localhost", 9000).base()).isEqualTo("http://localhost:9000");
    }

    @Test
    void unset_it_is_required_when_the_service_listens_beyond_loopback() {
        for (String address : List.of("0.0.0.0", "", "10.1.2.3", "reserve.example.gov.cn")) {
            assertThatThrownBy(() -> new PublicUrl("", address, 8080)).isInstanceOfSatisfying(InvalidSettingException.class,
                    e -> assertThat(e.property()).isEqualTo("reserve.public.url"));
        }
    }

    @Test
    void a_public_url_with_a_user_query_fragment_or_another_scheme_is_refused() {
        for (String url : List.of("ftp://example.gov.cn", "https://user@example.gov.cn", "https://example.gov.cn/?a=1",
                "https://example.gov.cn/#x", "example.gov.cn", "https://", "http://exa mple")) {
            assertThatThrownBy(() -> new PublicUrl(url, "127.0.0.1", 8080)).as(url)
                    .isInstanceOf(InvalidSettingException.class);
        }
    }

    @Test
    void trusted_proxies_are_ip_addresses_matched_exactly() {
        assertThat(TomcatConfiguration.internalProxies(List.of())).isNull();
        assertThat(TomcatConfiguration.internalProxies(List.of(" "))).isNull();
        String pattern = TomcatConfiguration.internalProxies(List.of("10.0.0.5", "::1"));
        assertThat("10.0.0.5").matches(pattern);
        assertThat("::1").matches(pattern);
        assertThat("10.0.0.55").doesNotMatch(pattern);
        assertThat("10a0a0a5").doesNotMatch(pattern);
        for (String bad : List.of("10.0.0.0/8", "proxy.example", "300.1.1.1", "*")) {
            assertThatThrownBy(() -> TomcatConfiguration.internalProxies(List.of(bad))).as(bad)
                    .isInstanceOf(InvalidSettingException.class);
        }
    }
}
