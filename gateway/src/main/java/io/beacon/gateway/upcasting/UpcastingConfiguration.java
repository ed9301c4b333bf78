package io.beacon.gateway.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The upcasters of stored events. Axon's auto-configuration registers every {@link EventUpcaster}
 * bean, in {@link Order}, into the configuration's upcaster chain, which the event store engine
 * applies to every event it reads: aggregates loading, tracking processors, feeds.
 */
@Configuration(proxyBeanMethods = false)
class UpcastingConfiguration {

    @Bean
    @Order(0)
    EventUpcaster companyEventsUpcaster() {
        return new CompanyEventsUpcaster();
    }
}
