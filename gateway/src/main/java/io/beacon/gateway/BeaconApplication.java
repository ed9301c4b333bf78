package io.beacon.gateway;

import io.beacon.gateway.cli.BeaconCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Beacon: the runnable application. It assembles the command side, the query side and the
 * gateway in one process; component scanning covers all of {@code io.beacon}.
 */
@SpringBootApplication(scanBasePackages = "io.beacon")
@ConfigurationPropertiesScan("io.beacon")
public class BeaconApplication {

    public static void main(String[] args) {
        // Beacon runs on closed networks; Axon's usage report would only fail and log.
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        if (BeaconCli.handles(args)) {
            // replay <projection>, import <file>: one job with a progress bar, then exit.
            System.exit(BeaconCli.run(args));
        }
        SpringApplication.run(BeaconApplication.class, args);
    }
}
