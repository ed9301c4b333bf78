package io.beacon.company;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of the company aggregate, one every {@link #EVENTS_BETWEEN} events. Without them every
 * command replays the company's whole history: a company renamed a hundred times a second (the feeds
 * bench's 8 hot companies) spent two thirds of the CPU reading and applying its old events.
 */
@Configuration(proxyBeanMethods = false)
class CompanySnapshots {

    static final String TRIGGER = "companySnapshotTrigger";
    static final int EVENTS_BETWEEN = 100;

    @Bean(TRIGGER)
    SnapshotTriggerDefinition companySnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, EVENTS_BETWEEN);
    }
}
