package io.beacon.readmodel;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import io.beacon.projection.EventTimes;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The application's MongoTemplate opens each read model's collections in that read model's active
 * generation, so projections, query handlers and every other reader follow a replay's switch without
 * knowing of it. Collections of no read model (users, counters, uploads' files …) keep their names.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelRouting {

    @Bean
    ReadModelGenerations readModelGenerations(MongoDatabaseFactory factory, List<ProjectionDefinition> definitions,
                                              @Value("${beacon.projections.generation-refresh:PT1S}") Duration refresh) {
        return new ReadModelGenerations(factory, definitions, refresh);
    }

    @Bean
    @Primary
    MongoTemplate mongoTemplate(MongoDatabaseFactory factory, MongoConverter converter, ReadModelGenerations generations) {
        return new MongoTemplate(new RoutedDatabaseFactory(factory, generations::route), converter);
    }

    @Bean
    ProjectionReplays projectionReplays(ReadModelGenerations generations, EventProcessingConfiguration processing,
                                        TokenStore tokenStore, EventStore eventStore, EventTimes eventTimes,
                                        ObjectProvider<TransactionManager> transactionManager, CommandGateway commands,
                                        MongoDatabaseFactory factory, MongoConverter converter,
                                        @Qualifier("serializer") Serializer serializer,
                                        @Value("${beacon.projections.replay-batch-size:1000}") int batchSize,
                                        @Value("${beacon.projections.replay-tick:PT1S}") Duration tick,
                                        @Value("${beacon.projections.replay-record-every:PT5S}") Duration recordEvery,
                                        @Value("${beacon.projections.replay-grace:PT30S}") Duration grace,
                                        @Value("${beacon.projections.replay-switch-distance:1000}") long switchDistance) {
        return new ProjectionReplays(generations, processing, tokenStore, eventStore, eventTimes,
                transactionManager.getIfAvailable(NoTransactionManager::instance), commands, factory, converter, serializer,
                new ProjectionReplays.Settings(batchSize, tick, recordEvery, grace, switchDistance), Clock.systemUTC());
    }

    /** A template that reads and writes generation {@code generation} of {@code definition}'s collections. */
    public static MongoTemplate forGeneration(MongoDatabaseFactory factory, MongoConverter converter,
                                              ProjectionDefinition definition, int generation) {
        return new MongoTemplate(new RoutedDatabaseFactory(factory,
                name -> definition.owns(name) ? ReadModelNames.physical(name, generation) : name), converter);
    }
}
