package cn.landreserve.workflow.web;

import cn.landreserve.workflow.infra.InvalidSettingException;
import cn.landreserve.workflow.infra.ReserveProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The service's public address, for links that leave it (certificates' verification URLs and QR codes): always
 * {@code reserve.public.url}, never the request's Host header, which the client chooses. It may be left unset only
 * when the service listens on loopback (development): then it is {@code http://<loopback address>:<port>}.
 */
@Component
public class PublicUrl {

    static final String PROPERTY = "reserve.public.url";
    /** The setting's name until it joined the other {@code reserve.public.*} settings. */
    static final String FORMER_PROPERTY = "reserve.public-url";

    private final String configured;
    private final String loopbackHost;
    private volatile int port;

    @Autowired
    PublicUrl(ReserveProperties settings, ServerProperties server, Environment environment) {
        this(settings.publicSite().url() == null ? "" : settings.publicSite().url(),
                server.getAddress() == null ? "" : server.getAddress().getHostAddress(),
                server.getPort() == null ? 8080 : server.getPort());
        if (environment.containsProperty(FORMER_PROPERTY)) {
            throw new InvalidSettingException(FORMER_PROPERTY, "was renamed " + PROPERTY + " (RESERVE_PUBLIC_URL)");
        }
    }

    PublicUrl(String configured, String serverAddress, int port) {
        this.configured = configured.isBlank() ? null : normalise(configured);
        this.loopbackHost = this.configured != null ? null : loopbackHost(serverAddress);
        this.port = port;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        this.port = event.getWebServer().getPort();
    }

    /** e.g. {@code https://reserve.example.gov.cn} (no trailing slash). */
    public String base() {
        return configured != null ? configured : "http://" + loopbackHost + ":" + port;
    }

    /** A configured public URL, checked: absolute http(s), a host, no user, query or fragment. */
    static String normalise(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(PROPERTY, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(PROPERTY,
                    "must be an http(s) address with a host and no user, query or fragment, e.g. https://reserve.example.gov.cn");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** The host part of a loopback server address; anything else needs a configured public URL. */
    static String loopbackHost(String serverAddress) {
        String address = serverAddress == null ? "" : serverAddress.strip();
        if (address.equals("localhost") || address.matches("127(\\.\\d{1,3}){3}")) {
            return address;
        }
        if (address.equals("::1") || address.equals("[::1]") || address.equals("0:0:0:0:0:0:0:1")) {
            return "[::1]";
        }
        throw new InvalidSettingException(PROPERTY, "is required when the service does not listen on loopback only "
                + "(server.address is '" + (address.isEmpty() ? "all addresses" : address) + "'): certificate links must "
                + "not follow the Host header a client sends");
    }
}
