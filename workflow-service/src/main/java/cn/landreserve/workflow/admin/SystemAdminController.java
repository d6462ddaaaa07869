package cn.landreserve.workflow.admin;

import cn.landreserve.workflow.kernel.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The system administrator (系统管理员): accounts and departments; no roles, no policy, no logs. */
@RestController
@RequestMapping("/api/admin/system")
class SystemAdminController {

    private final Accounts accounts;
    private final AdminRequests requests;

    SystemAdminController(Accounts accounts, AdminRequests requests) {
        this.accounts = accounts;
        this.requests = requests;
    }

    record NewAccount(String username, String displayName, String department) {}

    record AccountChange(String displayName, String department) {}

    record NewDepartment(String slug, String nameZh, String nameEn) {}

    record DepartmentChange(String nameZh, String nameEn, Boolean enabled) {}

    @GetMapping("/users")
    List<Account> users() {
        return accounts.all();
    }

    /** Creates an account without a role; the answer carries its one-time password, shown this once. */
    @PostMapping("/users")
    ResponseEntity<Accounts.Created> create(@RequestBody NewAccount body, HttpServletRequest request)
            throws DomainException {
        Accounts.Created created = accounts.create(requests.by(request), body.username(), body.displayName(),
                body.department());
        return ResponseEntity.created(URI.create("/api/admin/system/users/" + created.account().username()))
                .body(created);
    }

    @PutMapping("/users/{username}")
    Account update(@PathVariable String username, @RequestBody AccountChange body, HttpServletRequest request)
            throws DomainException {
        return accounts.update(requests.by(request), username, body.displayName(), body.department());
    }

    @PostMapping("/users/{username}/enable")
    Account enable(@PathVariable String username, HttpServletRequest request) throws DomainException {
        return accounts.setEnabled(requests.by(request), username, true);
    }

    @PostMapping("/users/{username}/disable")
    Account disable(@PathVariable String username, HttpServletRequest request) throws DomainException {
        return accounts.setEnabled(requests.by(request), username, false);
    }

    /** A new one-time password (and the end of a lockout); the user must change it at the next sign-in. */
    @PostMapping("/users/{username}/password-reset")
    Accounts.Created resetPassword(@PathVariable String username, HttpServletRequest request)
            throws DomainException {
        return accounts.resetPassword(requests.by(request), username);
    }

    @GetMapping("/departments")
    List<AccountRepository.Department> departments() {
        return accounts.departments();
    }

    @PostMapping("/departments")
    ResponseEntity<AccountRepository.Department> createDepartment(@RequestBody NewDepartment body,
            HttpServletRequest request) throws DomainException {
        AccountRepository.Department d = accounts.createDepartment(requests.by(request), body.slug(), body.nameZh(),
                body.nameEn());
        return ResponseEntity.created(URI.create("/api/admin/system/departments/" + d.slug())).body(d);
    }

    @PutMapping("/departments/{slug}")
    AccountRepository.Department updateDepartment(@PathVariable String slug, @RequestBody DepartmentChange body,
            HttpServletRequest request) throws DomainException {
        return accounts.updateDepartment(requests.by(request), slug, body.nameZh(), body.nameEn(), body.enabled());
    }

}
