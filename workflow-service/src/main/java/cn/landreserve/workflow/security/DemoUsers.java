package cn.landreserve.workflow.security;

import cn.landreserve.workflow.infra.ReserveProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * One demo user per role for the embedded default. Their shared password is {@code reserve.demo.password} if set,
 * otherwise generated once and kept in {@code <data-dir>/demo-password.txt} (mode 600): never in git.
 */
@Component
public class DemoUsers {

    public static final List<Actor> USERS = List.of(
            new Actor("applicant", "张伟（土地储备中心经办人）", Role.APPLICANT, null),
            new Actor("reviewer-nr", "李娜（自然资源和规划局）", Role.REVIEWER, Department.NATURAL_RESOURCES),
            new Actor("reviewer-eco", "王芳（生态环境局）", Role.REVIEWER, Department.ECOLOGY_ENVIRONMENT),
            new Actor("reviewer-fin", "刘洋（财政局）", Role.REVIEWER, Department.FINANCE),
            new Actor("approver", "陈静（局领导）", Role.APPROVER, null),
            new Actor("auditor", "赵磊（审计局）", Role.AUDITOR, null),
            new Actor("operator", "孙明（运维管理员）", Role.OPERATOR, null),
            new Actor("inspector", "周强（管护巡查员）", Role.INSPECTOR, null));

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final ReserveProperties properties;
    private final String configuredPassword;
    private final boolean enabled;

    DemoUsers(UserRepository users, PasswordEncoder encoder, ReserveProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.properties = properties;
        this.configuredPassword = properties.demo().password() == null ? "" : properties.demo().password();
        // Demo users come with the embedded default; with an external database only when asked for.
        Boolean enabled = properties.demo().enabled();
        this.enabled = enabled != null ? enabled : !properties.db().external();
    }

    public boolean enabled() {
        return enabled;
    }

    /** Where the demo users' password is (a file, or the setting), or null when there are no demo users. */
    public String passwordLocation() {
        if (!enabled) {
            return null;
        }
        return configuredPassword.isEmpty() ? passwordFile().toAbsolutePath().normalize().toString() : "reserve.demo.password";
    }

    /** Creates the demo users that do not exist yet; returns where the password is, or null when disabled. */
    public String ensure() {
        if (!enabled) {
            return null;
        }
        String password = password();
        String hash = null;
        for (Actor actor : USERS) {
            if (!users.exists(actor.username())) {
                hash = hash == null ? encoder.encode(password) : hash;
                users.insert(actor, hash);
            }
        }
        return passwordLocation();
    }

    String password() {
        if (!configuredPassword.isEmpty()) {
            return configuredPassword;
        }
        Path file = passwordFile();
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[9];
            new SecureRandom().nextBytes(random);
            String generated = "lr-" + HexFormat.of().formatHex(random);
            Files.writeString(file, generated + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            log.info("Generated the demo users' password in {}", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo password in " + file, e);
        }
    }

    private Path passwordFile() {
        return properties.dataDir().resolve("demo-password.txt");
    }
}
