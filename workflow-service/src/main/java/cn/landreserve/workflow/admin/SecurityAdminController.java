package cn.landreserve.workflow.admin;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.security.Role;
import cn.landreserve.workflow.security.SecurityPolicies;
import cn.landreserve.workflow.security.SecurityPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The security administrator (安全管理员): role assignments, lockouts, the password/lockout/session policy. */
@RestController
@RequestMapping("/api/admin/security")
class SecurityAdminController {

    private final Accounts accounts;
    private final SecurityPolicies policies;
    private final AdminRequests requests;

    SecurityAdminController(Accounts accounts, SecurityPolicies policies, AdminRequests requests) {
        this.accounts = accounts;
        this.policies = policies;
        this.requests = requests;
    }

    record RoleAssignment(String role, String department) {}

    @GetMapping("/users")
    List<Account> users() {
        return accounts.all();
    }

    @GetMapping("/roles")
    List<Map<String, Object>> roles() {
        return Arrays.stream(Role.values()).map(r -> Map.<String, Object>of("role", r.name(),
                "administrator", r.administrator(), "needsDepartment", r == Role.REVIEWER)).toList();
    }

    @PutMapping("/users/{username}/role")
    Account assignRole(@PathVariable String username, @RequestBody RoleAssignment body, HttpServletRequest request)
            throws DomainException {
        return accounts.assignRole(requests.by(request), username, body.role(), body.department());
    }

    @PostMapping("/users/{username}/unlock")
    Account unlock(@PathVariable String username, HttpServletRequest request) throws DomainException {
        return accounts.unlock(requests.by(request), username);
    }

    @GetMapping("/policy")
    Map<String, Object> policy() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", policies.current());
        body.put("customised", policies.customised());
        body.put("settings", policies.defaults());
        return body;
    }

    @PutMapping("/policy")
    Map<String, Object> setPolicy(@RequestBody SecurityPolicy policy, HttpServletRequest request)
            throws DomainException {
        accounts.setPolicy(requests.by(request), policy);
        return policy();
    }

    /** Back to the policy of the settings (reserve.security.*). */
    @DeleteMapping("/policy")
    Map<String, Object> resetPolicy(HttpServletRequest request) {
        accounts.resetPolicy(requests.by(request));
        return policy();
    }
}
