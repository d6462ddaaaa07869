package cn.landreserve.workflow.admin;

import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.security.Role;
import cn.landreserve.workflow.security.SecurityEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A fresh installation gets one account of each administrator role — {@code sysadmin}, {@code secadmin},
 * {@code auditadmin} — each with a one-time password that must be changed at the first sign-in. The passwords are
 * written to {@code <data-dir>/admin-initial-passwords.txt} (mode 600), never to the log; the start-up banner says
 * where. A role that has an account already gets none.
 */
@Component
public class FirstAdministrators {

    record First(String username, String displayName, Role role) {}

    static final List<First> FIRST = List.of(
            new First("sysadmin", "系统管理员", Role.SYSTEM_ADMIN),
            new First("secadmin", "安全管理员", Role.SECURITY_ADMIN),
            new First("auditadmin", "审计管理员", Role.AUDIT_ADMIN));

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrators.class);

    private final AccountRepository accounts;
    private final PasswordEncoder encoder;
    private final AdminLog adminLog;
    private final ReserveProperties properties;

    FirstAdministrators(AccountRepository accounts, PasswordEncoder encoder, AdminLog adminLog,
            ReserveProperties properties) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.adminLog = adminLog;
        this.properties = properties;
    }

    public Path passwordFile() {
        return properties.dataDir().resolve("admin-initial-passwords.txt").toAbsolutePath().normalize();
    }

    /** Creates the missing first administrators; returns their user names (empty when none was missing). */
    @Transactional
    public List<String> ensure() {
        List<String> lines = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (First first : FIRST) {
            if (accounts.countWithRole(first.role().name()) > 0) {
                continue;
            }
            if (accounts.find(first.username()).isPresent()) {
                log.warn("No account has role {}, but the name {} is taken: the security administrator must assign "
                        + "the role to an account", first.role(), first.username());
                continue;
            }
            String oneTime = OneTimePasswords.generate(16);
            accounts.create(first.username(), first.displayName(), null, first.role().name(), encoder.encode(oneTime));
            adminLog.append(new SecurityEvent("system", "-", "-", "ACCOUNT_CREATED", first.username(),
                    "first " + first.role() + " of the installation; one-time password in the data directory", "OK"));
            lines.add(first.username() + "\t" + first.role() + "\t" + oneTime);
            created.add(first.username());
        }
        if (!lines.isEmpty()) {
            write(lines);
        }
        return created;
    }

    private void write(List<String> lines) {
        Path file = passwordFile();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            List<String> content = new ArrayList<>();
            content.add("# One-time passwords of the first administrators (三员). Each must be changed at the first");
            content.add("# sign-in; delete this file once all three have signed in.");
            content.addAll(lines);
            Files.write(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            log.info("Created the first administrators; their one-time passwords are in {}", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first administrators' passwords to " + file, e);
        }
    }
}
