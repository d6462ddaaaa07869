package cn.landreserve.workflow.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.landreserve.ledger.EvidenceLedger;
import cn.landreserve.workflow.support.Administrators;
import cn.landreserve.workflow.support.ApiClient;
import cn.landreserve.workflow.support.ApiClient.Response;
import cn.landreserve.workflow.support.BrowserSession;
import cn.landreserve.workflow.support.RunningServiceTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * User administration and the 等保 sign-in controls, through the API as the three administrators and the users
 * they create: first-login change, lockout, expiry and history, idle timeout, the administrators' chained log.
 */
@Timeout(180)
class AdministrationTest extends RunningServiceTest {

    private static final AtomicInteger NEXT = new AtomicInteger();
    static final String GOOD = "Zq7#wind-river";

    @Autowired JdbcClient jdbc;
    @Autowired AdminLog adminLog;
    @Autowired AdminLogHeadAnchoring anchoring;
    @Autowired EvidenceLedger ledger;

    ApiClient sys() {
        return Administrators.as(port, dataDir(), "sysadmin");
    }

    ApiClient sec() {
        return Administrators.as(port, dataDir(), "secadmin");
    }

    ApiClient audit() {
        return Administrators.as(port, dataDir(), "auditadmin");
    }

    @AfterEach
    void settingsPolicyAgain() {
        assertThat(sec().delete("/api/admin/security/policy").status()).isEqualTo(200);
    }

    /** A new applicant account, role assigned and one-time password changed to {@code password}. */
    String applicantWithPassword(String password) {
        String username = "user-" + NEXT.incrementAndGet() + "-" + System.nanoTime() % 100000;
        Response created = sys().postJson("/api/admin/system/users", Map.of("username", username, "displayName", "测试用户"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String oneTime = created.json().get("oneTimePassword").asText();
        assertThat(sec().putJson("/api/admin/security/users/" + username + "/role", Map.of("role", "APPLICANT")).status())
                .isEqualTo(200);
        Response changed = ApiClient.as(port, username, oneTime).postJson("/api/account/password",
                Map.of("currentPassword", oneTime, "newPassword", password));
        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
        return username;
    }

    @Test
    void a_fresh_installation_has_three_administrators_with_one_time_passwords_in_a_file_only_its_owner_reads()
            throws Exception {
        var file = dataDir().resolve("admin-initial-passwords.txt");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        for (String name : Administrators.NAMES) {
            ApiClient withOneTime = ApiClient.as(port, name, Administrators.oneTimePassword(dataDir(), name));
            Response r = withOneTime.get("/api/account");
            if (Administrators.changed(name)) {
                assertCode(r, 401, "UNAUTHENTICATED"); // a test changed it already: the one-time password is spent
            } else {
                assertThat(r.json().get("passwordChangeRequired").asBoolean()).as(name).isTrue();
                assertThat(r.json().get("firstSignIn").asBoolean()).as(name).isTrue();
            }
        }
        JsonNode users = sys().get("/api/admin/system/users").json();
        assertThat(find(users, "sysadmin").get("role").asText()).isEqualTo("SYSTEM_ADMIN");
        assertThat(find(users, "secadmin").get("role").asText()).isEqualTo("SECURITY_ADMIN");
        assertThat(find(users, "auditadmin").get("role").asText()).isEqualTo("AUDIT_ADMIN");
        assertThat(users.toString()).doesNotContain("passwordHash").doesNotContain("$2a$");
    }

    @Test
    void at_first_sign_in_a_one_time_password_opens_nothing_but_its_own_change() {
        String username = "first-" + NEXT.incrementAndGet();
        Response created = sys().postJson("/api/admin/system/users", Map.of("username", username, "displayName", "首次登录"));
        assertThat(created.status()).isEqualTo(201);
        String oneTime = created.json().get("oneTimePassword").asText();
        ApiClient first = ApiClient.as(port, username, oneTime);
        assertCode(first.get("/api/session"), 401, "NO_ROLE");
        assertThat(sec().putJson("/api/admin/security/users/" + username + "/role", Map.of("role", "AUDITOR")).status())
                .isEqualTo(200);
        assertCode(first.get("/api/audit/access-log"), 403, "PASSWORD_CHANGE_REQUIRED");
        assertThat(first.get("/api/session").json().get("role").asText()).isEqualTo("AUDITOR");
        JsonNode account = first.get("/api/account").json();
        assertThat(account.get("passwordChangeRequired").asBoolean()).isTrue();
        assertThat(account.get("firstSignIn").asBoolean()).isTrue();
        Response weak = change(first, oneTime, "short");
        assertCode(weak, 422, "WEAK_PASSWORD");
        assertThat(weak.json().at("/details/rules").toString()).contains("TOO_SHORT", "TOO_FEW_CHARACTER_CLASSES");
        assertCode(change(first, oneTime, oneTime), 422, "PASSWORD_REUSED");
        assertThat(change(first, oneTime, GOOD).status()).isEqualTo(204);
        assertCode(first.get("/api/audit/access-log"), 401, "UNAUTHENTICATED");
        assertThat(ApiClient.as(port, username, GOOD).get("/api/audit/access-log").status()).isEqualTo(200);
    }

    @Test
    void five_wrong_passwords_lock_the_account_on_every_path_until_the_lockout_ends_and_others_are_unaffected()
            throws Exception {
        assertThat(sec().putJson("/api/admin/security/policy", policy(5, "PT4S", "PT15M", 5, 90)).status()).isEqualTo(200);
        String victim = applicantWithPassword(GOOD);
        ApiClient right = ApiClient.as(port, victim, GOOD);
        assertThat(right.get("/api/tasks").status()).as("signed in, and the password remembered for Basic").isEqualTo(200);
        ApiClient wrong = ApiClient.as(port, victim, "not-the-password");
        for (int i = 1; i <= 5; i++) {
            assertCode(wrong.get("/api/tasks"), 401, "UNAUTHENTICATED");
        }
        Instant lockedAt = Instant.now();
        Response refused = right.get("/api/tasks");
        assertCode(refused, 401, "ACCOUNT_LOCKED");
        Instant until = Instant.parse(refused.json().at("/details/lockedUntil").asText());
        assertThat(until).isBetween(lockedAt.plusSeconds(2), lockedAt.plusSeconds(5));
        var form = new BrowserSession(port).login(victim, GOOD);
        assertThat(form.statusCode()).isEqualTo(401);
        assertThat(form.body()).contains("\"ACCOUNT_LOCKED\"");
        assertThat(as("applicant").get("/api/tasks").status()).as("another user").isEqualTo(200);

        List<JsonNode> entries = entriesAbout(victim);
        assertThat(entries.stream().filter(e -> e.get("action").asText().equals("SIGN_IN_FAILED"))).hasSize(4);
        JsonNode lock = entries.stream().filter(e -> e.get("action").asText().equals("ACCOUNT_LOCKED")).findFirst()
                .orElseThrow();
        assertThat(lock.get("outcome").asText()).isEqualTo("ALERT");
        assertThat(lock.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(entries.stream().filter(e -> e.get("action").asText().equals("SIGN_IN_REFUSED"))).hasSize(2);

        while (Instant.now().isBefore(until.plusMillis(300))) {
            Thread.sleep(200);
        }
        assertThat(right.get("/api/tasks").status()).as("after the lockout").isEqualTo(200);
        assertThat(wrong.get("/api/tasks").status()).as("counting starts again").isEqualTo(401);
        assertThat(right.get("/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void the_security_administrator_unlocks_an_account_and_the_system_administrator_resets_a_password() {
        assertThat(sec().putJson("/api/admin/security/policy", policy(3, "PT15M", "PT15M", 5, 90)).status()).isEqualTo(200);
        String user = applicantWithPassword(GOOD);
        for (int i = 0; i < 3; i++) {
            ApiClient.as(port, user, "wrong").get("/api/tasks");
        }
        assertCode(ApiClient.as(port, user, GOOD).get("/api/tasks"), 401, "ACCOUNT_LOCKED");
        assertThat(sys().post("/api/admin/security/users/" + user + "/unlock").status()).as("not the system admin's duty")
                .isEqualTo(403);
        assertThat(sec().post("/api/admin/security/users/" + user + "/unlock").status()).isEqualTo(200);
        assertThat(ApiClient.as(port, user, GOOD).get("/api/tasks").status()).isEqualTo(200);

        Response reset = sys().post("/api/admin/system/users/" + user + "/password-reset");
        assertThat(reset.status()).isEqualTo(200);
        String oneTime = reset.json().get("oneTimePassword").asText();
        assertCode(ApiClient.as(port, user, GOOD).get("/api/tasks"), 401, "UNAUTHENTICATED");
        assertCode(ApiClient.as(port, user, oneTime).get("/api/tasks"), 403, "PASSWORD_CHANGE_REQUIRED");
        assertCode(sys().post("/api/admin/system/users/sysadmin/disable"), 403, "OWN_ACCOUNT");
        assertCode(sec().putJson("/api/admin/security/users/secadmin/role", Map.of("role", "APPLICANT")), 403, "OWN_ACCOUNT");
        assertThat(sys().post("/api/admin/system/users/" + user + "/disable").status()).isEqualTo(200);
        assertCode(ApiClient.as(port, user, oneTime).get("/api/tasks"), 401, "ACCOUNT_DISABLED");
    }

    @Test
    void an_expired_password_must_be_changed_and_recent_passwords_cannot_come_back() {
        assertThat(sec().putJson("/api/admin/security/policy", policy(5, "PT15M", "PT15M", 2, 30)).status()).isEqualTo(200);
        String user = applicantWithPassword(GOOD);
        ApiClient client = ApiClient.as(port, user, GOOD);
        assertThat(client.get("/api/tasks").status()).isEqualTo(200);
        jdbc.sql("update reserve.app_user set password_changed_at = now() - interval '31 days' where username = :u")
                .param("u", user).update();
        assertCode(client.get("/api/tasks"), 403, "PASSWORD_CHANGE_REQUIRED");
        JsonNode account = client.get("/api/account").json();
        assertThat(account.get("passwordChangeRequired").asBoolean()).isTrue();
        assertThat(account.get("firstSignIn").asBoolean()).isFalse();

        String second = "Second#pass-42";
        String third = "Third#pass-42x";
        assertThat(change(client, GOOD, second).status()).isEqualTo(204);
        client = ApiClient.as(port, user, second);
        assertThat(client.get("/api/tasks").status()).as("changed: not expired any more").isEqualTo(200);
        assertCode(change(client, second, GOOD), 422, "PASSWORD_REUSED");
        assertThat(change(client, second, third).status()).isEqualTo(204);
        client = ApiClient.as(port, user, third);
        assertCode(change(client, third, second), 422, "PASSWORD_REUSED");
        assertCode(change(client, "wrong", "Fourth#pass-42"), 400, "WRONG_PASSWORD");
        assertCode(change(client, third, user + "-Aa1!"), 422, "WEAK_PASSWORD");
        String fourth = "Fourth#pass-42";
        assertThat(change(client, third, fourth).status()).isEqualTo(204);
        // history 2: the current password and the last two (third, second) are refused; GOOD is further back now
        assertThat(change(ApiClient.as(port, user, fourth), fourth, GOOD).status()).isEqualTo(204);
    }

    @Test
    void an_idle_browser_session_ends_after_the_policy_idle_timeout() throws Exception {
        assertThat(sec().putJson("/api/admin/security/policy", policy(5, "PT15M", "PT2S", 5, 90)).status()).isEqualTo(200);
        BrowserSession browser = new BrowserSession(port);
        assertThat(browser.login("approver", PASSWORD).statusCode()).isEqualTo(204);
        assertThat(browser.cookie("JSESSIONID")).isPresent();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1000);
            assertThat(browser.get("/api/tasks").statusCode()).as("active: each request restarts the clock").isEqualTo(200);
        }
        Thread.sleep(3500);
        var idle = browser.get("/api/tasks");
        assertThat(idle.statusCode()).isEqualTo(401);
        assertThat(idle.body()).contains("\"UNAUTHENTICATED\"");
        assertThat(browser.get("/api/session").body()).contains("\"authenticated\":false");
    }

    @Test
    void a_disabled_account_loses_its_open_browser_session() {
        String user = applicantWithPassword(GOOD);
        BrowserSession browser = new BrowserSession(port);
        assertThat(browser.login(user, GOOD).statusCode()).isEqualTo(204);
        assertThat(browser.get("/api/tasks").statusCode()).isEqualTo(200);
        assertThat(sys().post("/api/admin/system/users/" + user + "/disable").status()).isEqualTo(200);
        var after = browser.get("/api/tasks");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("\"SESSION_ENDED\"");
    }

    @Test
    void administrators_actions_are_in_the_chained_log_anchored_on_the_ledger_and_an_edit_is_located() throws Exception {
        String user = applicantWithPassword(GOOD);
        assertThat(sys().postJson("/api/admin/system/departments",
                Map.of("slug", "land-centre-" + NEXT.incrementAndGet(), "nameZh", "土地储备中心", "nameEn", "Land reserve centre"))
                .status()).isEqualTo(201);
        assertThat(sec().putJson("/api/admin/security/users/" + user + "/role",
                Map.of("role", "REVIEWER", "department", "finance")).status()).isEqualTo(200);

        List<JsonNode> about = entriesAbout(user);
        JsonNode created = about.stream().filter(e -> e.get("action").asText().equals("ACCOUNT_CREATED")).findFirst().orElseThrow();
        assertThat(created.get("actor").asText()).isEqualTo("sysadmin");
        assertThat(created.get("role").asText()).isEqualTo("SYSTEM_ADMIN");
        JsonNode assigned = about.stream().filter(e -> e.get("action").asText().equals("ROLE_ASSIGNED")
                && e.get("detail").asText().endsWith("REVIEWER:finance")).findFirst().orElseThrow();
        assertThat(assigned.get("actor").asText()).isEqualTo("secadmin");
        assertThat(assigned.get("detail").asText()).isEqualTo("APPLICANT -> REVIEWER:finance");
        assertThat(about.stream().filter(e -> e.get("action").asText().equals("PASSWORD_CHANGED")
                && e.get("actor").asText().equals(user))).hasSize(1);

        JsonNode log = audit().get("/api/admin/audit/admin-log?limit=1000").json();
        assertThat(log.get("chainIntact").asBoolean()).isTrue();
        assertThat(log.get("retentionDays").asLong()).isEqualTo(180);
        long anchored = anchoring.anchorHead();
        assertThat(anchored).isEqualTo(adminLog.head().seq());
        assertThat(ledger.findById("adminlog-" + anchored)).isPresent();

        long seq = assigned.get("seq").asLong();
        assertThatThrownBy(() -> jdbc.sql("update reserve.admin_log set detail = 'nothing' where seq = :s")
                .param("s", seq).update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from reserve.admin_log where seq = :s").param("s", seq).update())
                .rootCause().hasMessageContaining("append-only");
        // someone with the database's superuser switches the protection off and edits an entry: the chain shows where
        jdbc.sql("alter table reserve.admin_log disable trigger admin_log_append_only").update();
        try {
            jdbc.sql("update reserve.admin_log set detail = 'APPLICANT -> AUDITOR' where seq = :s").param("s", seq).update();
            assertThat(audit().get("/api/admin/audit/admin-log").json().get("firstBrokenEntry").asLong()).isEqualTo(seq);
            jdbc.sql("update reserve.admin_log set detail = :d where seq = :s").param("d", assigned.get("detail").asText())
                    .param("s", seq).update();
        } finally {
            jdbc.sql("alter table reserve.admin_log enable trigger admin_log_append_only").update();
        }
        assertThat(adminLog.firstBrokenEntry()).isEqualTo(-1);

        Response export = audit().get("/api/admin/audit/admin-log/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        String[] lines = export.text().split("\n");
        assertThat(lines.length).isGreaterThanOrEqualTo(5);
        assertThat(export.text()).contains("\"action\":\"ROLE_ASSIGNED\"", "\"hash\":\"");
        assertThat(adminLog.latest(1).get(0).action()).isEqualTo("ADMIN_LOG_EXPORTED");

        anonymous().get("/api/public/projects?q=exported");
        Response accessExport = audit().get("/api/admin/audit/access-log/export");
        assertThat(accessExport.status()).isEqualTo(200);
        assertThat(accessExport.raw().headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"access-log-");
        String last = accessExport.text().strip().substring(accessExport.text().strip().lastIndexOf('\n') + 1);
        assertThat(last).contains("\"target\":\"/api/public/projects?q=exported\"", "\"prevHash\":\"", "\"hash\":\"");
        assertThat(adminLog.latest(1).get(0).action()).isEqualTo("ACCESS_LOG_EXPORTED");
    }

    @Test
    void retention_removes_only_old_anchored_entries_and_the_kept_chain_still_verifies() throws Exception {
        applicantWithPassword(GOOD);
        anchoring.anchorHead();
        long before = adminLog.head().seq();
        // entries are never removed while younger than the retention period
        assertThat(adminLog.removeOlderThan(Instant.now().minus(java.time.Duration.ofDays(180)))).isZero();
        long firstKept = adminLog.retainedFrom().seq();
        assertThat(adminLog.removeOlderThan(Instant.now().plusSeconds(1))).isPositive();
        assertThat(adminLog.retainedFrom().seq()).isGreaterThan(firstKept).isLessThanOrEqualTo(before);
        applicantWithPassword(GOOD);
        assertThat(adminLog.firstBrokenEntry()).isEqualTo(-1);
        assertThat(audit().get("/api/admin/audit/admin-log").json().get("chainIntact").asBoolean()).isTrue();
    }

    private static Response change(ApiClient client, String current, String next) {
        return client.postJson("/api/account/password", Map.of("currentPassword", current, "newPassword", next));
    }

    private List<JsonNode> entriesAbout(String username) {
        List<JsonNode> found = new ArrayList<>();
        audit().get("/api/admin/audit/admin-log?limit=1000").json().get("entries").forEach(e -> {
            if (e.get("target").asText().equals(username) || e.get("actor").asText().equals(username)) {
                found.add(e);
            }
        });
        return found;
    }

    static Map<String, Object> policy(int threshold, String lockout, String idle, int history, int maxAgeDays) {
        return Map.of("minLength", 10, "minCharacterClasses", 3, "history", history, "maxAgeDays", maxAgeDays,
                "lockoutThreshold", threshold, "lockoutDuration", lockout, "idleTimeout", idle);
    }

    private static JsonNode find(JsonNode users, String username) {
        for (JsonNode u : users) {
            if (u.get("username").asText().equals(username)) {
                return u;
            }
        }
        throw new AssertionError("no user " + username);
    }

    static void assertCode(Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).as(r.text()).isEqualTo(code);
    }
}
