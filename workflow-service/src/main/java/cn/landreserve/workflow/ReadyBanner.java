package cn.landreserve.workflow;

import cn.landreserve.workflow.admin.FirstAdministrators;
import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.security.DemoUsers;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where it is and how to get in. */
@Component
class ReadyBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final ReserveProperties properties;
    private final DemoUsers demoUsers;
    private final FirstAdministrators administrators;

    ReadyBanner(ReserveProperties properties, DemoUsers demoUsers, FirstAdministrators administrators) {
        this.properties = properties;
        this.demoUsers = demoUsers;
        this.administrators = administrators;
    }

    /** Where the first administrators' one-time passwords are, while that file exists. */
    private String admins() {
        return Files.exists(administrators.passwordFile())
                ? "sysadmin, secadmin, auditadmin (三员): one-time passwords in " + administrators.passwordFile()
                        + " — change them at the first sign-in, then delete the file"
                : "see the administration pages (系统管理)";
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String host = event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
        String url = "http://" + host + ":" + web.getWebServer().getPort() + "/";
        String passwordAt = demoUsers.passwordLocation();
        String login = passwordAt == null
                ? "users of reserve.app_user, or bearer tokens of the configured OpenID Connect provider"
                : String.join(", ", DemoUsers.USERS.stream().map(a -> a.username()).toList())
                        + "\n           password: " + passwordAt;
        log.info("""

                ================================================================
                 土地储备全生命周期存证服务 / Land reserve evidence service ready
                 Open      {}
                 Health    {}actuator/health
                 Data      {}
                 Log in    {}
                 Admins    {}
                ================================================================""",
                url, url, properties.dataDir().toAbsolutePath().normalize(), login, admins());
    }
}
