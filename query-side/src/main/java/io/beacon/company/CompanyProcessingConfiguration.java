package io.beacon.company;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code companies} processing group (the companies, value counts and contacts read models)
 * retries a failed event instead of passing over it. With Axon's default, a handler failure is
 * logged and the event skipped, and the read models would silently miss it for good; propagated, the
 * processor keeps its token, backs off and handles the event again, and its lag shows the stall.
 */
@Configuration(proxyBeanMethods = false)
class CompanyProcessingConfiguration {

    @Bean
    ConfigurerModule companiesErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(CompanyProjection.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
