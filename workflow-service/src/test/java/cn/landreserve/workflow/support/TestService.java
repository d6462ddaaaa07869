package cn.landreserve.workflow.support;

import cn.landreserve.workflow.LandReserveApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole service in this JVM on a free port with its data under a test directory. */
public final class TestService {

    private TestService() {}

    public static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "reserve.data-dir=" + dataDir,
                "server.port=0",
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        // as command-line arguments: SpringApplicationBuilder.properties() would only set defaults, below application.yml
        return new SpringApplicationBuilder(LandReserveApplication.class)
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
    }
}
