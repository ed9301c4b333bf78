package io.beacon.notification;

import io.beacon.notification.event.NotificationRead;
import io.beacon.notification.value.NotificationId;
import io.beacon.notification.value.UserId;
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

/** A handler of the notifications group that fails is given the same event again, not passed over. */
class NotificationProcessingConfigurationTest {

    private static final UserId READER = UserId.of("00000000-0000-4000-8000-0000000000ad");

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
        new NotificationProcessingConfiguration().notificationsErrorHandling().configureModule(configurer);
        configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(NotificationProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> handler));
        axon = configurer.buildConfiguration();
        axon.start();
        NotificationId first = NotificationId.random();
        NotificationId second = NotificationId.random();
        axon.eventStore().publish(GenericEventMessage.asEventMessage(new NotificationRead(first, READER)),
                GenericEventMessage.asEventMessage(new NotificationRead(second, READER)));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (handler.handled.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(handler.failures.get()).isEqualTo(1);
        assertThat(handler.handled).containsExactly(first, second);
    }

    @ProcessingGroup(NotificationProjection.PROCESSING_GROUP)
    static final class FailingOnce {
        final AtomicInteger failures = new AtomicInteger();
        final List<NotificationId> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(NotificationRead event) {
            if (failures.get() == 0) {
                failures.incrementAndGet();
                throw new IllegalStateException("store unavailable");
            }
            handled.add(event.notificationId());
        }
    }
}
