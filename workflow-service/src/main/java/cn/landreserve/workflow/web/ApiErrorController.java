package cn.landreserve.workflow.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page the servlet container forwards to when it refuses a request before the application sees it (an
 * encoded slash in a path, a malformed request line…): the API's one error shape with a stable code, instead of
 * Spring Boot's default body. Asked for directly, {@code /error} is simply not a resource (404), never a 500.
 */
@RestController
class ApiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object forwarded = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(forwarded instanceof Integer status)) {
            return ApiErrors.body(404, "NOT_FOUND", "no such resource", Map.of());
        }
        return switch (status) {
            case 400 -> ApiErrors.body(400, "MALFORMED_REQUEST", "the request is malformed", Map.of());
            case 401 -> ApiErrors.body(401, "UNAUTHENTICATED", "sign in first", Map.of());
            case 403 -> ApiErrors.body(403, "ACCESS_DENIED", "you may not do this", Map.of());
            case 404 -> ApiErrors.body(404, "NOT_FOUND", "no such resource", Map.of());
            case 405 -> ApiErrors.body(405, "METHOD_NOT_ALLOWED", "this method is not allowed here", Map.of());
            case 413 -> ApiErrors.body(413, "REQUEST_TOO_LARGE", "the request is too large", Map.of());
            case 415 -> ApiErrors.body(415, "UNSUPPORTED_CONTENT_TYPE", "this content type is not accepted here", Map.of());
            default -> status >= 400 && status < 500 && org.springframework.http.HttpStatus.resolve(status) != null
                    ? ApiErrors.body(status, "REQUEST_REFUSED", "the request was refused", Map.of())
                    : ApiErrors.body(500, "INTERNAL_ERROR", "the service failed; the operators have the details in the log",
                            Map.of());
        };
    }
}
