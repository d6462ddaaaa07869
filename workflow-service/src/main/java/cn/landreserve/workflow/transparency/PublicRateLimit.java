package cn.landreserve.workflow.transparency;

import cn.landreserve.workflow.infra.ReserveProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limit for {@code /api/public/**}: at most N requests per client address per minute (fixed window).
 * The table is cleared every window, so its memory is bounded by one minute's distinct clients.
 */
@Component
class PublicRateLimit extends OncePerRequestFilter {

    private final int perMinute;
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long window = currentWindow();

    PublicRateLimit(ReserveProperties settings) {
        this.perMinute = settings.publicSite().requestsPerMinute();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/public/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = currentWindow();
        if (now != window) {
            counts.clear();
            window = now;
        }
        int n = counts.computeIfAbsent(request.getRemoteAddr(), k -> new AtomicInteger()).incrementAndGet();
        if (n > perMinute) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":429,\"code\":\"RATE_LIMITED\",\"message\":\"too many requests; try again in a minute\",\"details\":{}}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static long currentWindow() {
        return System.currentTimeMillis() / 60_000;
    }
}
