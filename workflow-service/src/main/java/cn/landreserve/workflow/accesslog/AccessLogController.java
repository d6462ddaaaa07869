package cn.landreserve.workflow.accesslog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For auditors: the access log's latest entries, whether its chain holds, and its anchored heads. */
@RestController
class AccessLogController {

    private final AccessLog log;
    private final AccessLogBreaks breaks;

    AccessLogController(AccessLog log, AccessLogBreaks breaks) {
        this.log = log;
        this.breaks = breaks;
    }

    @GetMapping("/api/audit/access-log")
    Map<String, Object> accessLog(@RequestParam(defaultValue = "100") int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        AccessLog.ChainCheck check = breaks.check(); // a break found here is raised and anchored as well
        body.put("head", check.head());
        body.put("chainIntact", check.intact());
        body.put("firstBrokenEntry", check.intact() ? null : check.firstBroken());
        body.put("incidents", breaks.open());
        List<AccessLog.Entry> latest = log.latest(Math.max(1, Math.min(limit, 1000)));
        body.put("entries", latest);
        return body;
    }
}
