package cn.landreserve.workflow.admin;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;

import cn.landreserve.workflow.accesslog.AccessLog;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.security.SecurityEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit administrator (审计管理员): reads the administrators' log and the access log, whether their chains hold,
 * and exports either (one JSON entry per line, with the hashes, so that an export can be checked without the
 * service). Each export is itself logged.
 */
@RestController
@RequestMapping("/api/admin/audit")
class AuditAdminController {

    private final AdminLog adminLog;
    private final AccessLog accessLog;
    private final AdminRequests requests;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReserveProperties properties;

    AuditAdminController(AdminLog adminLog, AccessLog accessLog, AdminRequests requests, ObjectMapper json, Clock clock,
            ReserveProperties properties) {
        this.adminLog = adminLog;
        this.accessLog = accessLog;
        this.requests = requests;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    @GetMapping("/admin-log")
    Map<String, Object> adminLog(@RequestParam(defaultValue = "100") int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        long broken = adminLog.firstBrokenEntry();
        body.put("head", adminLog.head());
        body.put("chainIntact", broken < 0);
        body.put("firstBrokenEntry", broken < 0 ? null : broken);
        body.put("retainedFrom", adminLog.retainedFrom());
        body.put("retentionDays", properties.security().auditRetention().toDays());
        body.put("entries", adminLog.latest(Math.max(1, Math.min(limit, 1000))));
        return body;
    }

    /** {@code from} and {@code to}: dates (UTC), {@code to} inclusive; default the last 30 days. */
    @GetMapping(path = "/admin-log/export", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletRequest request) throws DomainException {
        return export("admin-log", from, to, request, (start, end, sink) -> adminLog.between(start, end, sink::accept));
    }

    /** The access log the same way (one JSON entry per line, with its hashes). */
    @GetMapping(path = "/access-log/export", produces = "application/x-ndjson")
    ResponseEntity<StreamingResponseBody> exportAccessLog(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletRequest request) throws DomainException {
        return export("access-log", from, to, request, (start, end, sink) -> accessLog.between(start, end, sink::accept));
    }

    /** Reads the entries of a period and hands each to the sink. */
    interface Period {
        void read(Instant start, Instant end, Consumer<Object> sink);
    }

    private ResponseEntity<StreamingResponseBody> export(String name, String from, String to, HttpServletRequest request,
            Period period) throws DomainException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = date(from, today.minusDays(30));
        LocalDate last = date(to, today);
        if (last.isBefore(first)) {
            throw new DomainException(INVALID, "INVALID_PERIOD", "'to' is before 'from'");
        }
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Accounts.By by = requests.by(request);
        adminLog.append(new SecurityEvent(by.actor().username(), by.actor().role().name(), by.client(),
                name.equals("admin-log") ? "ADMIN_LOG_EXPORTED" : "ACCESS_LOG_EXPORTED", name, first + " .. " + last,
                "OK"));
        StreamingResponseBody body = out -> write(out, period, start, end);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "-" + first + "-" + last + ".ndjson\"")
                .contentType(MediaType.parseMediaType("application/x-ndjson")).body(body);
    }

    private void write(OutputStream out, Period period, Instant start, Instant end) throws IOException {
        try {
            period.read(start, end, entry -> {
                try {
                    out.write(json.writeValueAsBytes(entry));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static LocalDate date(String value, LocalDate otherwise) throws DomainException {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DomainException(INVALID, "INVALID_DATE", "dates are written 2026-01-31");
        }
    }

    @GetMapping("/access-log")
    Map<String, Object> accessLog(@RequestParam(defaultValue = "100") int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        long broken = accessLog.firstBrokenEntry();
        body.put("head", accessLog.head());
        body.put("chainIntact", broken < 0);
        body.put("firstBrokenEntry", broken < 0 ? null : broken);
        body.put("entries", accessLog.latest(Math.max(1, Math.min(limit, 1000))));
        return body;
    }
}
