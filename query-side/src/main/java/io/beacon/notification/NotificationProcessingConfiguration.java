package io.beacon.notification;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value NotificationProjection#PROCESSING_GROUP} processing group retries a failed event instead
 * of passing over it (Axon's default logs and skips, and a user would silently miss a notification):
 * the processor keeps its token, backs off and handles the event again.
 */
@Configuration(proxyBeanMethods = false)
class NotificationProcessingConfiguration {

    @Bean
    ConfigurerModule notificationsErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(NotificationProjection.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
