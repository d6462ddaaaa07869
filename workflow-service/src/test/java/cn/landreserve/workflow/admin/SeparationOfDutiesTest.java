package cn.landreserve.workflow.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.landreserve.workflow.support.Administrators;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.RunningServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * 三员分立, from the handler mappings (an endpoint added tomorrow is in the matrix tomorrow): each administrator role
 * reaches its own part of the administration API and nobody else's, no business endpoint, and no business role or
 * anonymous caller reaches any administration endpoint. "Allowed" is anything but 401/403; never a 5xx.
 */
@Timeout(300)
class SeparationOfDutiesTest extends RunningServiceTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String pattern) {
        String path() {
            return pattern.replaceAll("\\{[^}]+}", "probe-x");
        }
    }

    /** Every API endpoint the service has, as (method, pattern). */
    List<Endpoint> endpoints() {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> all = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    if (seen.add(m + " " + pattern)) {
                        all.add(new Endpoint(m.name(), pattern));
                    }
                }
            }
        }
        return all;
    }

    /** The part of the API open to any signed-in user, whatever the role. */
    static boolean everyone(String pattern) {
        return pattern.equals("/api/session") || pattern.startsWith("/api/account")
                || pattern.startsWith("/api/public/") || pattern.startsWith("/api/lifecycle/");
    }

    static String prefixOf(String administrator) {
        return switch (administrator) {
            case "sysadmin" -> "/api/admin/system/";
            case "secadmin" -> "/api/admin/security/";
            default -> "/api/admin/audit/";
        };
    }

    @Test
    void each_administrator_reaches_exactly_its_own_duties_and_nobody_else_reaches_them() {
        List<Endpoint> endpoints = endpoints();
        List<Endpoint> administration = endpoints.stream().filter(e -> e.pattern().startsWith("/api/admin/")).toList();
        assertThat(administration).as("administration endpoints found in the handler mappings").hasSizeGreaterThan(15);
        assertThat(administration.stream().map(Endpoint::pattern)).allMatch(p -> p.startsWith("/api/admin/system/")
                || p.startsWith("/api/admin/security/") || p.startsWith("/api/admin/audit/"));

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (String admin : Administrators.NAMES) {
            ApiClient client = Administrators.as(port, dataDir(), admin);
            for (Endpoint e : endpoints) {
                boolean expected = e.pattern().startsWith(prefixOf(admin)) || everyone(e.pattern());
                calls++;
                check(client, admin, e, expected, wrong);
            }
        }
        for (String user : List.of("applicant", "reviewer-fin", "approver", "auditor", "operator", "anonymous")) {
            ApiClient client = user.equals("anonymous") ? anonymous() : as(user);
            for (Endpoint e : administration) {
                calls++;
                check(client, user, e, false, wrong);
            }
        }
        assertThat(calls).isGreaterThan(3 * 40);
        assertThat(wrong).as("calls whose access was not as 三员分立 says").isEmpty();
    }

    private static void check(ApiClient client, String caller, Endpoint e, boolean expected, List<String> wrong) {
        Response r = client.send(e.method(), e.path(),
                e.method().equals("POST") || e.method().equals("PUT") ? "{}" : null);
        // denied: by the sign-in (401) or by the role rules (403 ACCESS_DENIED); a 403 with another code is a
        // refusal by the service after the role rules let the call through
        boolean allowed = r.status() != 401 && !(r.status() == 403 && r.text().contains("\"ACCESS_DENIED\""));
        if (allowed != expected || r.status() >= 500) {
            wrong.add(e.method() + " " + e.path() + " as " + caller + ": " + r.status() + " "
                    + r.text().substring(0, Math.min(160, r.text().length())));
        }
    }
}
