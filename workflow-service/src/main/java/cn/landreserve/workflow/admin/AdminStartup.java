package cn.landreserve.workflow.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** At every start: the first administrators, if an administrator role has no account. */
@Component
class AdminStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminStartup.class);

    private final FirstAdministrators first;

    AdminStartup(FirstAdministrators first) {
        this.first = first;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            first.ensure();
        } catch (DuplicateKeyException e) {
            log.info("Another instance created the first administrators at the same time");
        }
    }
}
