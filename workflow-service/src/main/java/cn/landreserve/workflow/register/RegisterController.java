package cn.landreserve.workflow.register;

import static cn.landreserve.workflow.kernel.Refusal.INVALID;

import cn.landreserve.workflow.accesslog.AccessLog;
import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.lifecycle.LifecycleCatalogue;
import cn.landreserve.workflow.register.ReserveQueries.RegisterPage;
import cn.landreserve.workflow.security.CurrentActor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reserve land register: {@code GET /api/register?format=json|csv|xlsx} with the filters of
 * {@link RegisterFilter}; JSON is paged (limit/offset) with the totals of all selected rows, CSV and XLSX hold every
 * selected row and a totals row. Each CSV/XLSX export is recorded in the access log (action REGISTER_EXPORT).
 */
@RestController
@RequestMapping("/api/register")
class RegisterController {

    static final String EXPORT_ACTION = "REGISTER_EXPORT";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Set<String> FILTERS = Set.of("district", "stage", "status", "phase", "from", "to", "entered",
            "left", "overdue", "rectification", "pending", "redLine", "inspection", "inspectionRectification", "evidence");
    private static final Set<String> OTHERS = Set.of("format", "lang", "limit", "offset");
    private static final int MAX_LIMIT = 500;

    private final ReserveQueries queries;
    private final LifecycleCatalogue catalogue;
    private final AccessLog accessLog;
    private final CurrentActor currentActor;
    private final Clock clock;

    RegisterController(ReserveQueries queries, LifecycleCatalogue catalogue, AccessLog accessLog, CurrentActor currentActor,
            Clock clock) {
        this.queries = queries;
        this.catalogue = catalogue;
        this.accessLog = accessLog;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    /** The register as JSON: the filter as a query string, the totals of all selected rows, and one page of rows. */
    record RegisterJson(String filter, long total, BigDecimal totalArea, int limit, int offset, List<RegisterRow> rows) {}

    @GetMapping
    Object register(@RequestParam MultiValueMap<String, String> query, HttpServletRequest request,
            HttpServletResponse response) throws DomainException, IOException {
        Map<String, String> params = single(query);
        RegisterFilter filter = RegisterFilter.parse(params, queries.stages());
        String format = params.getOrDefault("format", "json");
        String lang = params.getOrDefault("lang", "zh-CN");
        if (!lang.equals("zh-CN") && !lang.equals("en")) {
            throw invalid("lang", "zh-CN or en");
        }
        switch (format) {
            case "json" -> {
                int limit = number(params, "limit", 50, 1, MAX_LIMIT);
                int offset = number(params, "offset", 0, 0, Integer.MAX_VALUE);
                RegisterPage page = queries.register(filter, limit, offset);
                return new RegisterJson(filter.toQuery(), page.total(), page.totalArea(), limit, offset, page.rows());
            }
            case "csv", "xlsx" -> {
                if (params.containsKey("limit") || params.containsKey("offset")) {
                    throw invalid("limit", "an export holds every selected row; limit and offset are for format=json");
                }
                export(filter, format, lang.equals("en"), request, response);
                return null;
            }
            default -> throw invalid("format", "json, csv or xlsx");
        }
    }

    private void export(RegisterFilter filter, String format, boolean english, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String day = DateTimeFormatter.BASIC_ISO_DATE.format(clock.instant().atZone(RegisterFilter.CHINA));
        response.setStatus(200);
        response.setContentType(format.equals("csv") ? "text/csv;charset=UTF-8" : XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"reserve-register-" + day + "." + format + "\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        RegisterSheet sheet = new RegisterSheet(catalogue, english);
        OutputStream out = response.getOutputStream();
        RegisterWriters.Sink sink = format.equals("csv") ? RegisterWriters.csv(sheet, out)
                : RegisterWriters.xlsx(sheet, out, english ? "Reserve land register" : "储备土地台账");
        queries.export(filter, sink::totals, sink::row);
        sink.finish();
        out.flush();
        String target = request.getQueryString() == null ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
        accessLog.append(currentActor.require().username(), String.valueOf(request.getRemoteAddr()), EXPORT_ACTION, target, 200);
    }

    private static Map<String, String> single(MultiValueMap<String, String> query) throws DomainException {
        Map<String, String> params = new HashMap<>();
        for (var e : query.entrySet()) {
            if (!FILTERS.contains(e.getKey()) && !OTHERS.contains(e.getKey())) {
                throw invalid(e.getKey(), "unknown parameter; known are " + FILTERS.stream().sorted().toList() + " and "
                        + OTHERS.stream().sorted().toList());
            }
            if (e.getValue().size() != 1) {
                throw invalid(e.getKey(), "given more than once");
            }
            params.put(e.getKey(), e.getValue().get(0));
        }
        return params;
    }

    private static int number(Map<String, String> params, String name, int fallback, int min, int max)
            throws DomainException {
        String v = params.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw invalid(name, "between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(name, "a whole number");
        }
    }

    private static DomainException invalid(String name, String problem) {
        return new DomainException(INVALID, "INVALID_FILTER", name + ": " + problem,
                Map.of("fields", Map.of(name.length() > 40 ? name.substring(0, 40) : name, problem)));
    }
}
