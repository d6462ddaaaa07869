package cn.landreserve.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The land reserve lifecycle evidence service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LandReserveApplication {

    public static void main(String[] args) {
        SpringApplication.run(LandReserveApplication.class, args);
    }
}
