package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.engine.WorkflowEngine;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    LifecycleCatalogue lifecycleCatalogue() {
        return LifecycleCatalogue.load();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Deploys the model built from the catalogue; an unchanged model is not deployed again. */
    @Bean
    LifecycleProcess lifecycleProcess(LifecycleCatalogue catalogue, WorkflowEngine engine,
            @Value("${reserve.workflow.anchor-retry-cycle:R5/PT30S}") String retryCycle) {
        LifecycleProcess process = new LifecycleProcess(catalogue, retryCycle);
        engine.deploy(LifecycleProcess.RESOURCE_NAME, process.build());
        return process;
    }
}
