package io.beacon.readmodel;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every event processor retries a failed event instead of passing over it. With Axon's default, a
 * handler failure is logged and the event skipped, and a read model (companies, value counts, contacts,
 * notifications, …) would silently miss it for good; propagated, the processor keeps its token, backs
 * off and handles the event again, and its lag shows the stall. One default, so a processing group added
 * later cannot forget it.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelProcessing {

    @Bean
    public ConfigurerModule retryFailedEvents() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance()));
    }
}
