package io.beacon.readmodel;

import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.value.CompanyId;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that fails is given the same event again, not passed over, in the read models' processing
 * groups and in any other (the default applies to every group). Fails without {@link ReadModelProcessing}:
 * Axon's default logs the failure and skips the event.
 */
class ReadModelProcessingTest {

    private Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"companies", "notifications", "a-group-added-later"})
    void aFailedEventIsHandledAgainAndTheNextOnesAfterIt(String group) throws InterruptedException {
        FailingOnce handler = new FailingOnce();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        new ReadModelProcessing().retryFailedEvents().configureModule(configurer);
        configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(group)
                .assignHandlerInstancesMatching(group, instance -> instance == handler)
                .registerEventHandler(c -> handler));
        axon = configurer.buildConfiguration();
        axon.start();
        CompanyId first = CompanyId.random();
        CompanyId second = CompanyId.random();
        axon.eventStore().publish(GenericEventMessage.asEventMessage(new CompanyDeleted(first)),
                GenericEventMessage.asEventMessage(new CompanyDeleted(second)));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (handler.handled.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(handler.failures.get()).isEqualTo(1);
        assertThat(handler.handled).containsExactly(first, second);
    }

    static final class FailingOnce {
        final AtomicInteger failures = new AtomicInteger();
        final List<CompanyId> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(CompanyDeleted event) {
            if (failures.get() == 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("store unavailable");
            }
            handled.add(event.companyId());
        }
    }
}
