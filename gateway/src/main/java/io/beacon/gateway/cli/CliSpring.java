package io.beacon.gateway.cli;

import io.beacon.gateway.BeaconApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts Beacon for one command: the whole application (so replays and uploads run exactly as on a server),
 * but serving no one. The WebSocket container needs a servlet context (a non-web application fails to
 * start), so HTTP listens on a random port of the loopback interface only; the embedded store, too, on a
 * random loopback port, so a Beacon on another data directory keeps its 27018. The write key is a random
 * one of this run, so the command line never generates, reads or prints the real one. Console logging is
 * quieted to warnings so the progress bar stays readable. Each of these is a command-line setting, so they
 * outrank environment variables; a setting the operator gives on the command line wins over them.
 */
final class CliSpring {

    private CliSpring() {
    }

    static ConfigurableApplicationContext start(List<String> settings, PrintStream notes) {
        SpringApplication application = new SpringApplication(BeaconApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.addListeners(new DataDirCheck(notes));
        return application.run(arguments(settings).toArray(String[]::new));
    }

    /** {@code settings}, then each default of the command line that they do not set themselves. */
    static List<String> arguments(List<String> settings) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("server.port", "0");
        defaults.put("server.address", "127.0.0.1");
        defaults.put("beacon.embedded-mongo-port", "0");
        defaults.put("beacon.write-key", throwawayKey());
        defaults.put("logging.level.root", "WARN");
        // Axon's warning (with a stack trace, every second) that a unit of work runs past 10 s: expected of a
        // batch job on a busy machine, and it would bury the bar.
        defaults.put("logging.level.axon-janitor", "ERROR");
        // Start-up failures are reported by the command line itself (DataDirInUseException without a trace).
        defaults.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        List<String> arguments = new ArrayList<>(settings);
        defaults.forEach((key, value) -> {
            if (settings.stream().noneMatch(setting -> setting.startsWith("--" + key + "="))) {
                arguments.add("--" + key + "=" + value);
            }
        });
        return arguments;
    }

    private static String throwawayKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
