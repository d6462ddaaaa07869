package cn.landreserve.workflow.lifecycle;

import cn.landreserve.workflow.engine.WorkflowEngine;
import cn.landreserve.workflow.infra.ReserveProperties;
import java.time.Clock;
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
            ReserveProperties settings) {
        LifecycleProcess process = new LifecycleProcess(catalogue, settings.workflow().anchorRetryCycle());
        engine.deploy(LifecycleProcess.RESOURCE_NAME, process.build());
        return process;
    }
}
