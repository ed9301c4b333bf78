package io.beacon.gateway.store;

import com.mongodb.client.MongoClient;
import io.beacon.common.Durability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * Chooses the store: {@code beacon.mongodb-uri} (MONGODB_URI) when set, the embedded store
 * otherwise. Spring Boot's own MongoClient backs off in favour of this one, so Spring Data, Axon
 * and the auth code all share one client.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    MongoStore mongoStore(@Value("${beacon.mongodb-uri:}") String uri,
                          @Value("${beacon.data-dir:./data}") Path dataDir,
                          @Value("${beacon.embedded-mongo-port:27018}") int port,
                          @Value("${beacon.embedded-store.page-cache-mb:0}") int pageCacheMegabytes) {
        return uri == null || uri.isBlank() ? MongoStore.embedded(dataDir, port, pageCacheMegabytes)
                : MongoStore.connect(uri);
    }

    /** H2's estimate of its page cache, as {@code beacon.store.page.cache} (MB). */
    /** What projections call to show only what survives a crash: the store's flush. */
    @Bean
    Durability durability(MongoStore store) {
        return store::flush;
    }

    @Bean
    MeterBinder storeMetrics(MongoStore store) {
        return registry -> Gauge.builder("beacon.store.page.cache", store, MongoStore::pageCacheMegabytes)
                .baseUnit("megabytes").description("H2's estimate of its page cache").register(registry);
    }

    @Bean(destroyMethod = "")
    MongoClient mongoClient(MongoStore store) {
        return store.client();
    }
}
