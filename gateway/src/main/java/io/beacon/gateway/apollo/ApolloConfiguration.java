package io.beacon.gateway.apollo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Apollo catalogue as a bean: read and checked once, at start-up, so a broken
 * {@code apollo/catalogue.json} stops the application instead of failing requests.
 */
@Configuration(proxyBeanMethods = false)
class ApolloConfiguration {

    @Bean
    static ApolloCatalogue apolloCatalogue() {
        return ApolloCatalogue.load();
    }
}
