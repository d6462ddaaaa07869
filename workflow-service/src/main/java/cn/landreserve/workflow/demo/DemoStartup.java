package cn.landreserve.workflow.demo;

import cn.landreserve.workflow.infra.ReserveProperties;
import cn.landreserve.workflow.security.DemoUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Seeds the embedded default: demo users for every role, and (once, on an empty database, unless
 * {@code reserve.demo.sample-projects=false}) two sample projects, created in the background once the job
 * executor runs, since each step waits for its evidence to be anchored.
 */
@Component
class DemoStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoUsers users;
    private final DemoProjects samples;
    private final boolean sampleProjects;

    DemoStartup(DemoUsers users, DemoProjects samples, ReserveProperties settings) {
        this.users = users;
        this.samples = samples;
        this.sampleProjects = settings.demo().sampleProjects();
    }

    @Override
    public void run(ApplicationArguments args) {
        String passwordAt = users.ensure();
        if (passwordAt == null) {
            return;
        }
        log.info("Demo users {} share the password in {}",
                DemoUsers.USERS.stream().map(a -> a.username()).toList(), passwordAt);
        if (sampleProjects && samples.needed()) {
            Thread seeding = new Thread(() -> {
                try {
                    samples.create();
                } catch (Exception e) {
                    log.warn("Sample projects could not be created: {}", e.toString());
                }
            }, "demo-sample-projects");
            seeding.setDaemon(true);
            seeding.start();
        }
    }
}
