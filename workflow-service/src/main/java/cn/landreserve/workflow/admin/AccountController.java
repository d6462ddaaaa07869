package cn.landreserve.workflow.admin;

import cn.landreserve.workflow.kernel.DomainException;
import cn.landreserve.workflow.kernel.Refusal;
import cn.landreserve.workflow.security.CurrentActor;
import cn.landreserve.workflow.security.ReserveUser;
import cn.landreserve.workflow.security.SecurityPolicies;
import cn.landreserve.workflow.security.SecurityPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every password user's own account: whether the password must change, the rules, and changing it. */
@RestController
@RequestMapping("/api/account")
class AccountController {

    private final Accounts accounts;
    private final CurrentActor currentActor;
    private final SecurityPolicies policies;
    private final AdminRequests requests;
    private final Clock clock;

    AccountController(Accounts accounts, CurrentActor currentActor, SecurityPolicies policies, AdminRequests requests,
            Clock clock) {
        this.accounts = accounts;
        this.currentActor = currentActor;
        this.policies = policies;
        this.requests = requests;
        this.clock = clock;
    }

    record PasswordChange(String currentPassword, String newPassword) {}

    @GetMapping
    Map<String, Object> account() throws DomainException {
        ReserveUser user = currentActor.passwordUser().orElseThrow(() -> new DomainException(
                Refusal.UNPROCESSABLE, "FEDERATED_ACCOUNT", "you sign in through the identity provider"));
        SecurityPolicy policy = policies.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.getUsername());
        body.put("passwordChangeRequired", user.passwordChangeDue(policy, clock.instant()));
        body.put("firstSignIn", user.state().mustChangePassword());
        body.put("passwordChangedAt", user.state().passwordChangedAt());
        body.put("passwordExpiresAt", policy.maxAgeDays() == 0 || user.state().passwordChangedAt() == null ? null
                : user.state().passwordChangedAt().plus(Duration.ofDays(policy.maxAgeDays())));
        body.put("rules", Map.of("minLength", policy.minLength(), "minCharacterClasses", policy.minCharacterClasses(),
                "history", policy.history(), "maxAgeDays", policy.maxAgeDays()));
        return body;
    }

    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange body, HttpServletRequest request)
            throws DomainException {
        accounts.changeOwnPassword(requests.by(request), body.currentPassword(), body.newPassword());
        currentActor.refreshSession(request);
        return ResponseEntity.noContent().build();
    }
}
