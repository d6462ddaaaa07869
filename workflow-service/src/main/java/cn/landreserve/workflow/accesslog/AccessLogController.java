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

    AccessLogController(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/api/audit/access-log")
    Map<String, Object> accessLog(@RequestParam(defaultValue = "100") int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        long broken = log.firstBrokenEntry();
        body.put("head", log.head());
        body.put("chainIntact", broken < 0);
        body.put("firstBrokenEntry", broken < 0 ? null : broken);
        List<AccessLog.Entry> latest = log.latest(Math.max(1, Math.min(limit, 1000)));
        body.put("entries", latest);
        return body;
    }
}
