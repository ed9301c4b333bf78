package io.beacon.gateway.store.personal;

import io.beacon.gateway.store.MongoStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * Crypto-shredding of contacts' personal data: the key store, and Axon's {@code eventSerializer} wrapped
 * in {@link PersonalDataSerializer}. Wrapping the bean Axon builds (rather than declaring another
 * {@code eventSerializer}) keeps whatever Axon's serializer settings make of it, and leaves the event
 * store's configuration untouched: the engine, the import and every reader get the wrapper. Snapshots
 * use the general serializer, unwrapped: only companies are snapshotted, and they hold no personal data.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    ContactKeyStore contactKeyStore(MongoStore store,
                                    @Value("${spring.data.mongodb.database:beacon}") String database,
                                    @Value("${beacon.personal-data.key-cache-ttl:PT10S}") Duration ttl,
                                    @Value("${beacon.personal-data.key-cache-size:10000}") long maxKeys) {
        return new ContactKeyStore(store.client().getDatabase(database), !store.isEmbedded(), store::flush,
                new SecureRandom(), ttl, maxKeys);
    }

    /**
     * Static, as a post-processor must be; the key store is looked up when the serializer is first used,
     * so declaring this creates no bean early.
     */
    @Bean
    static BeanPostProcessor personalDataEventSerializer(ObjectProvider<ContactKeyStore> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (EVENT_SERIALIZER.equals(beanName) && bean instanceof Serializer serializer
                        && !(bean instanceof PersonalDataSerializer)) {
                    return new PersonalDataSerializer(serializer, keys::getObject,
                            new PersonalValueCipher(new SecureRandom()));
                }
                return bean;
            }
        };
    }
}
