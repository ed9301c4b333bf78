package io.beacon.bench.store;

import io.beacon.gateway.BeaconApplication;
import io.beacon.gateway.feed.EventFeed;
import io.beacon.gateway.store.MongoStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Beacon's whole application in this process, on a data directory, serving no one (HTTP and the embedded
 * store on random loopback ports, a throwaway write key), as the jar's command-line mode starts it. The
 * replay bench's generator and read-rate baseline use it to reach the very beans Beacon writes and reads
 * events with (storage engine, event serializer with its contact keys, event store, token store).
 */
final class OfflineBeacon {

    private OfflineBeacon() {
    }

    static ConfigurableApplicationContext start(Path dataDir, List<String> settings) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication application = new SpringApplication(BeaconApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        List<String> arguments = new ArrayList<>(List.of(
                "--beacon.data-dir=" + dataDir.toAbsolutePath(),
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--beacon.embedded-mongo-port=0",
                "--beacon.write-key=" + throwawayKey(),
                "--logging.level.root=WARN",
                "--logging.level.axon-janitor=ERROR"));
        arguments.addAll(settings);
        return application.run(arguments.toArray(String[]::new));
    }

    /**
     * Stops every event processor of the application (their tokens stay where they are) and the live feeds'
     * tail of the event store ({@link EventFeed}), so that nothing reads what is being written.
     */
    static List<String> stopReaders(ConfigurableApplicationContext context) {
        List<String> names = new ArrayList<>();
        context.getBean(EventProcessingConfiguration.class).eventProcessors().forEach((name, processor) -> {
            processor.shutDown();
            names.add(name);
        });
        context.getBeanProvider(EventFeed.class).ifAvailable(feed -> {
            feed.stop();
            names.add("event feed");
        });
        return names;
    }

    static MongoStore store(ConfigurableApplicationContext context) {
        return context.getBean(MongoStore.class);
    }

    static String database(ConfigurableApplicationContext context) {
        return context.getEnvironment().getProperty("spring.data.mongodb.database", "beacon");
    }

    private static String throwawayKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
