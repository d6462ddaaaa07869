package cn.landreserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A small client of the service's REST API for the benchmarks: one user, signed in either with HTTP Basic on every
 * request (what API clients do) or once with a session cookie and its CSRF token (what the web UI does).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text(), e);
            }
        }

        Response expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + ", got " + status + ": " + text());
            }
            return this;
        }
    }

    final String base;
    final String user;
    private final String basic;
    private final HttpClient http;
    private final CookieManager cookies;
    private String csrf;

    private Api(String base, String user, String password, boolean session) {
        this.base = base;
        this.user = user;
        this.cookies = session ? new CookieManager() : null;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (session) {
            b.cookieHandler(cookies);
        }
        this.http = b.build();
        this.basic = session ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP Basic on every request. */
    static Api basic(String base, String user, String password) {
        return new Api(base, user, password, false);
    }

    /** Form login once; then the session cookie and the CSRF token. */
    static Api session(String base, String user, String password) throws Exception {
        Api api = new Api(base, user, password, true);
        api.send(HttpRequest.newBuilder(URI.create(base + "/api/session")).GET());
        api.refreshCsrf();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        api.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form))).expect(204);
        api.refreshCsrf();
        return api;
    }

    private void refreshCsrf() {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            if (c.getName().equals("XSRF-TOKEN")) {
                csrf = c.getValue();
            }
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response postJson(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small multipart upload held in memory (the ingest benchmark streams its own). */
    Response upload(String path, String fileName, byte[] bytes, Map<String, String> fields) {
        String boundary = "----bench" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Multipart.fields(boundary, fields));
        out.writeBytes(Multipart.fileHead(boundary, fileName));
        out.writeBytes(bytes);
        out.writeBytes(Multipart.tail(boundary));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(out.toByteArray())));
    }

    /** Adds this user's credentials (Basic header, or the CSRF token of the session) to a request. */
    HttpRequest.Builder sign(HttpRequest.Builder request) {
        if (basic != null) {
            request.header("Authorization", basic);
        } else if (csrf != null) {
            request.header("X-XSRF-TOKEN", csrf);
        }
        return request;
    }

    Response send(HttpRequest.Builder request) {
        try {
            var r = http.send(sign(request).timeout(Duration.ofMinutes(30)).build(), BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
