package cn.landreserve.workflow.web;

import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet container: its own error answers in the API's error shape ({@link JsonErrorReportValve}), and client
 * addresses behind reverse proxies. Only the proxies listed in {@code reserve.security.trusted-proxies} are believed
 * about the client's address (X-Forwarded-For) and scheme (X-Forwarded-Proto); with none listed, the address is the
 * connection's, whatever headers a client sends. The rate limit, the access log and HSTS all follow.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    static final String TRUSTED_PROXIES = "reserve.security.trusted-proxies";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]{2,39}");

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorsAndTrustedProxies(ReserveProperties properties) {
        String internalProxies = internalProxies(properties.security().trustedProxies());
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
            if (internalProxies != null) {
                RemoteIpValve valve = new RemoteIpValve();
                valve.setInternalProxies(internalProxies);
                valve.setTrustedProxies(internalProxies);
                valve.setRemoteIpHeader("X-Forwarded-For");
                valve.setProtocolHeader("X-Forwarded-Proto");
                factory.addEngineValves(valve);
            }
        };
    }

    /** The trusted proxies as Tomcat's address pattern, or null when none is trusted. */
    static String internalProxies(List<String> addresses) {
        List<String> listed = addresses == null ? List.of()
                : addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        if (listed.isEmpty()) {
            return null;
        }
        for (String address : listed) {
            if (!IPV4.matcher(address).matches() && !(address.contains(":") && IPV6.matcher(address).matches())) {
                throw new InvalidSettingException(TRUSTED_PROXIES,
                        "lists IP addresses of reverse proxies, separated by commas; '" + address + "' is not one");
            }
        }
        return listed.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }
}
