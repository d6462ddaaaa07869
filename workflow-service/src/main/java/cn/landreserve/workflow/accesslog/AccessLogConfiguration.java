package cn.landreserve.workflow.accesslog;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AccessLogConfiguration implements WebMvcConfigurer {

    private final AccessLogInterceptor interceptor;

    AccessLogConfiguration(AccessLogInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/public/**", "/api/audit/**", "/api/evidence/**",
                "/api/documents/**");
    }
}
