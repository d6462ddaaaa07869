package cn.landreserve.workflow.accesslog;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Records verifications, downloads and public queries once they are answered (refusals included). */
@Component
class AccessLogInterceptor implements HandlerInterceptor {

    private final AccessLog log;

    AccessLogInterceptor(AccessLog log) {
        this.log = log;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String action = action(request.getRequestURI());
        if (action == null) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = auth == null || auth instanceof AnonymousAuthenticationToken ? "anonymous" : auth.getName();
        String target = request.getQueryString() == null ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
        log.append(actor, String.valueOf(request.getRemoteAddr()), action, target, response.getStatus());
    }

    static String action(String uri) {
        if (uri.startsWith("/api/public/")) {
            return "PUBLIC_QUERY";
        }
        if (uri.startsWith("/api/audit/")) {
            if (uri.endsWith("/archive-package")) {
                return "ARCHIVE_PACKAGE_DOWNLOAD";
            }
            return uri.endsWith("/receipts") ? "RECEIPT_DOWNLOAD" : "VERIFICATION";
        }
        if (uri.startsWith("/api/evidence/") && uri.endsWith("/receipt")) {
            return "RECEIPT_DOWNLOAD";
        }
        if (uri.startsWith("/api/documents/") && uri.endsWith("/content")) {
            return "DOCUMENT_DOWNLOAD";
        }
        return null;
    }
}
