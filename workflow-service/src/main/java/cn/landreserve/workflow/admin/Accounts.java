package cn.landreserve.workflow.admin;

import static cn.landreserve.workflow.kernel.Refusal.CONFLICT;
import static cn.landreserve.workflow.kernel.Refusal.FORBIDDEN;
import static cn.landreserve.workflow.kernel.Refusal.INVALID;
import static cn.landreserve.workflow.kernel.Refusal.NOT_FOUND;
import static cn.landreserve.workflow.kernel.Refusal.UNPROCESSABLE;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.TextRules;
import cn.landreserve.workflow.security.Actor;
import cn.landreserve.workflow.security.Role;
import cn.landreserve.workflow.security.SecurityEvent;
import cn.landreserve.workflow.security.SecurityPolicies;
import cn.landreserve.workflow.security.SecurityPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to accounts and departments, and what users do to their own password. Each action is
 * checked against the actor's duty by the caller's URL (see SecurityConfiguration) and here against the account
 * (nobody administers their own account), and goes into the administrators' log.
 */
@Service
public class Accounts {

    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
    static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    /** Who acts and from where. */
    public record By(Actor actor, String client) {}

    /** A new account and its one-time password, shown once to the system administrator. */
    public record Created(Account account, String oneTimePassword) {}

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final SecurityPolicies policies;
    private final AdminLog log;

    Accounts(AccountRepository accounts, PasswordEncoder encoder, SecurityPolicies policies, AdminLog log) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.policies = policies;
        this.log = log;
    }

    public List<Account> all() {
        return accounts.all();
    }

    // --- system administrator: accounts ---

    @Transactional
    public Created create(By by, String username, String displayName, String department)
            throws DomainException {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new DomainException(INVALID, "INVALID_USERNAME",
                    "a user name is 3 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        String name = requireName(displayName, "displayName", 128);
        String dept = organisationalDepartment(department);
        if (accounts.find(username).isPresent()) {
            throw new DomainException(CONFLICT, "USERNAME_TAKEN", "the user name is taken",
                    Map.of("username", username));
        }
        String oneTime = OneTimePasswords.generate(policies.current().minLength());
        accounts.create(username, name, dept, null, encoder.encode(oneTime));
        record(by, "ACCOUNT_CREATED", username, "display name " + name + (dept == null ? "" : ", department " + dept)
                + "; no role until the security administrator assigns one; one-time password issued");
        return new Created(existing(username), oneTime);
    }

    @Transactional
    public Account update(By by, String username, String displayName, String department)
            throws DomainException {
        Account account = administrable(by, username);
        String name = requireName(displayName, "displayName", 128);
        String dept;
        if (Role.REVIEWER.name().equals(account.role())) {
            // a reviewer's department decides their tasks: the security administrator sets it with the role
            if (department != null && !department.equals(account.department())) {
                throw new DomainException(FORBIDDEN, "SECURITY_ADMIN_DUTY",
                        "a reviewer's department goes with their role: the security administrator changes it");
            }
            dept = account.department();
        } else {
            dept = organisationalDepartment(department);
        }
        accounts.update(username, name, dept);
        record(by, "ACCOUNT_UPDATED", username, "display name " + name + ", department " + dept);
        return existing(username);
    }

    @Transactional
    public Account setEnabled(By by, String username, boolean enabled) throws DomainException {
        administrable(by, username);
        accounts.setEnabled(username, enabled);
        record(by, enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", username, enabled ? "enabled" : "disabled");
        return existing(username);
    }

    @Transactional
    public Created resetPassword(By by, String username) throws DomainException {
        Account account = administrable(by, username);
        if (account.federated()) {
            throw new DomainException(UNPROCESSABLE, "FEDERATED_ACCOUNT",
                    "this user signs in through the identity provider and has no password here");
        }
        String oneTime = OneTimePasswords.generate(policies.current().minLength());
        accounts.setPassword(username, encoder.encode(oneTime), true);
        record(by, "PASSWORD_RESET", username, "one-time password issued; must be changed at the next sign-in");
        return new Created(existing(username), oneTime);
    }

    // --- system administrator: departments ---

    public List<AccountRepository.Department> departments() {
        return accounts.departments();
    }

    @Transactional
    public AccountRepository.Department createDepartment(By by, String slug, String nameZh, String nameEn)
            throws DomainException {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new DomainException(INVALID, "INVALID_DEPARTMENT_CODE",
                    "a department code is 2 to 64 lower-case letters, digits or '-', starting with a letter");
        }
        String zh = requireName(nameZh, "nameZh", 100);
        String en = requireName(nameEn, "nameEn", 100);
        if (accounts.department(slug).isPresent()) {
            throw new DomainException(CONFLICT, "DEPARTMENT_EXISTS", "the department code is taken",
                    Map.of("department", slug));
        }
        accounts.createDepartment(slug, zh, en);
        record(by, "DEPARTMENT_CREATED", slug, zh + " / " + en);
        return accounts.department(slug).orElseThrow();
    }

    @Transactional
    public AccountRepository.Department updateDepartment(By by, String slug, String nameZh, String nameEn,
            Boolean enabled) throws DomainException {
        AccountRepository.Department department = accounts.department(slug).orElseThrow(() -> new DomainException(
                NOT_FOUND, "DEPARTMENT_NOT_FOUND", "no such department"));
        String zh = requireName(nameZh, "nameZh", 100);
        String en = requireName(nameEn, "nameEn", 100);
        boolean on = enabled == null || enabled;
        if (department.reviewing() && !on) {
            throw new DomainException(UNPROCESSABLE, "REVIEWING_DEPARTMENT",
                    "the lifecycle's reviewing departments cannot be disabled", Map.of("department", slug));
        }
        accounts.updateDepartment(slug, zh, en, on);
        record(by, "DEPARTMENT_UPDATED", slug, zh + " / " + en + (on ? "" : ", disabled"));
        return accounts.department(slug).orElseThrow();
    }

    // --- security administrator: roles and lockouts ---

    @Transactional
    public Account assignRole(By by, String username, String roleName, String department)
            throws DomainException {
        Account account = administrable(by, username);
        if (account.federated()) {
            throw new DomainException(UNPROCESSABLE, "FEDERATED_ACCOUNT",
                    "this user's role comes from the identity provider's token");
        }
        Role role = Arrays.stream(Role.values()).filter(r -> r.name().equals(roleName)).findFirst()
                .orElseThrow(() -> new DomainException(INVALID, "INVALID_ROLE", "no such role",
                        Map.of("roles", Arrays.stream(Role.values()).map(Role::name).toList())));
        String dept;
        if (role == Role.REVIEWER) {
            AccountRepository.Department d = department == null ? null : accounts.department(department)
                    .filter(AccountRepository.Department::reviewing).orElse(null);
            if (d == null) {
                throw new DomainException(INVALID, "REVIEWING_DEPARTMENT_REQUIRED",
                        "a reviewer needs one of the reviewing departments",
                        Map.of("departments", accounts.departments().stream().filter(AccountRepository.Department::reviewing)
                                .map(AccountRepository.Department::slug).toList()));
            }
            dept = d.slug();
        } else {
            if (department != null && !department.equals(account.department())) {
                throw new DomainException(FORBIDDEN, "SYSTEM_ADMIN_DUTY",
                        "only a reviewer's department goes with the role; the system administrator sets others'");
            }
            dept = account.department();
        }
        accounts.assignRole(username, role.name(), dept);
        record(by, "ROLE_ASSIGNED", username, (account.role() == null ? "none" : account.role()) + " -> " + role.name()
                + (role == Role.REVIEWER ? ":" + dept : ""));
        return existing(username);
    }

    @Transactional
    public Account unlock(By by, String username) throws DomainException {
        administrable(by, username);
        accounts.unlock(username);
        record(by, "ACCOUNT_UNLOCKED", username, "failed sign-ins forgotten");
        return existing(username);
    }

    @Transactional
    public SecurityPolicy setPolicy(By by, SecurityPolicy policy) throws DomainException {
        List<String> problems = policy.problems();
        if (!problems.isEmpty()) {
            throw new DomainException(INVALID, "INVALID_POLICY", "the policy cannot be applied",
                    Map.of("problems", problems));
        }
        policies.store(policy, by.actor().username());
        record(by, "POLICY_CHANGED", "security-policy", policy.toString().replace("SecurityPolicy", ""));
        return policies.current();
    }

    @Transactional
    public SecurityPolicy resetPolicy(By by) {
        policies.reset();
        record(by, "POLICY_RESET", "security-policy", "back to the settings: "
                + policies.defaults().toString().replace("SecurityPolicy", ""));
        return policies.current();
    }

    // --- everyone: their own password ---

    /**
     * Changes the signed-in user's own password: the current one must be given, the new one must follow the policy
     * and differ from the current and the last {@code history} ones.
     */
    @Transactional(noRollbackFor = DomainException.class)
    public void changeOwnPassword(By by, String current, String next) throws DomainException {
        String username = by.actor().username();
        Account account = existing(username);
        if (account.federated()) {
            throw new DomainException(UNPROCESSABLE, "FEDERATED_ACCOUNT",
                    "you sign in through the identity provider; change your password there");
        }
        String hash = accounts.passwordHash(username);
        if (current == null || !encoder.matches(current, hash)) {
            record(by, "PASSWORD_CHANGE_REFUSED", username, "wrong current password", "REFUSED");
            throw new DomainException(INVALID, "WRONG_PASSWORD", "the current password is wrong");
        }
        if (next == null) {
            throw new DomainException(INVALID, "WEAK_PASSWORD", "the new password is missing",
                    Map.of("rules", List.of("TOO_SHORT")));
        }
        SecurityPolicy policy = policies.current();
        List<String> weaknesses = policy.weaknesses(next, username);
        if (!weaknesses.isEmpty()) {
            throw new DomainException(UNPROCESSABLE, "WEAK_PASSWORD",
                    "the new password does not follow the password rules", Map.of("rules", weaknesses,
                            "minLength", policy.minLength(), "minCharacterClasses", policy.minCharacterClasses()));
        }
        if (encoder.matches(next, hash)
                || accounts.history(username, policy.history()).stream().anyMatch(old -> encoder.matches(next, old))) {
            record(by, "PASSWORD_CHANGE_REFUSED", username, "a recent password was reused", "REFUSED");
            throw new DomainException(UNPROCESSABLE, "PASSWORD_REUSED",
                    "the new password must differ from the current one and the last " + policy.history(),
                    Map.of("history", policy.history()));
        }
        accounts.setPassword(username, encoder.encode(next), false);
        record(by, "PASSWORD_CHANGED", username, account.mustChangePassword() ? "one-time password replaced" : "changed");
    }

    // ---

    private Account existing(String username) throws DomainException {
        return accounts.find(username).orElseThrow(() -> new DomainException(NOT_FOUND, "USER_NOT_FOUND",
                "no such user"));
    }

    /** An account an administrator may act on: it exists and it is not their own. */
    private Account administrable(By by, String username) throws DomainException {
        Account account = existing(username);
        if (account.username().equals(by.actor().username())) {
            throw new DomainException(FORBIDDEN, "OWN_ACCOUNT",
                    "administrators do not administer their own account");
        }
        return account;
    }

    private String organisationalDepartment(String department) throws DomainException {
        if (department == null || department.isEmpty()) {
            return null;
        }
        return accounts.department(department).filter(AccountRepository.Department::enabled)
                .map(AccountRepository.Department::slug)
                .orElseThrow(() -> new DomainException(INVALID, "DEPARTMENT_NOT_FOUND",
                        "no such department (or it is disabled)"));
    }

    private static String requireName(String value, String field, int max) throws DomainException {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max || !TextRules.clean(v)) {
            throw new DomainException(INVALID, "INVALID_FIELDS", "some fields are invalid",
                    Map.of("fields", Map.of(field, "1 to " + max + " characters, no control or direction characters")));
        }
        return v;
    }

    private void record(By by, String action, String target, String detail) {
        record(by, action, target, detail, "OK");
    }

    private void record(By by, String action, String target, String detail, String outcome) {
        log.append(new SecurityEvent(by.actor().username(), by.actor().role().name(), by.client(), action, target,
                detail, outcome));
    }
}
