package io.beacon.company;

import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.value.CompanyId;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A handler of the companies group that fails is given the same event again, not passed over. */
class CompanyProcessingConfigurationTest {

    private Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void aFailedEventIsHandledAgainAndTheNextOnesAfterIt() throws InterruptedException {
        FailingOnce handler = new FailingOnce();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        new CompanyProcessingConfiguration().companiesErrorHandling().configureModule(configurer);
        configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(CompanyProjection.PROCESSING_GROUP)
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

    @ProcessingGroup(CompanyProjection.PROCESSING_GROUP)
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
