package io.beacon.contact;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cascade's processor: a tracking processor (one segment, so one thread sees every event in
 * order) whose handler failures propagate. With Axon's default, a failed handler is logged and passed
 * over, and a company's contacts would survive it; propagated, the processor keeps its token, backs
 * off and handles the event again.
 */
@Configuration(proxyBeanMethods = false)
class ContactCascadeConfiguration {

    @Bean
    ConfigurerModule contactCascadeProcessing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(ContactCascade.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(ContactCascade.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
