package cn.landreserve.workflow.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Seeds the embedded default: demo users for every role. */
@Component
class DemoStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoUsers users;

    DemoStartup(DemoUsers users) {
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        String passwordAt = users.ensure();
        if (passwordAt != null) {
            log.info("Demo users {} share the password in {}",
                    DemoUsers.USERS.stream().map(a -> a.username()).toList(), passwordAt);
        }
    }
}
