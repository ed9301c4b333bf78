package io.beacon.readmodel;

import io.beacon.common.Durability;
import io.beacon.company.CompanyIndexes;
import io.beacon.company.CompanyProjection;
import io.beacon.company.CompanyValueCountProjection;
import io.beacon.company.CompanyValueIndexes;
import io.beacon.contact.ContactIndexes;
import io.beacon.contact.ContactProjection;
import io.beacon.notification.NotificationIndexes;
import io.beacon.notification.NotificationProjection;
import io.beacon.upload.UploadIndexes;
import io.beacon.upload.UploadProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Set;

/**
 * Every read model that {@code replay_projection} can rebuild, with the collections it owns. A read model
 * added later belongs here too: its collections then follow the active generation, and it can be rebuilt
 * beside the live one. The handler lists mirror the live beans of each processing group, in their order
 * ({@link CompanyValueCountProjection} runs first in {@code companies}).
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelCatalog {

    @Bean
    ProjectionDefinition companiesReadModel() {
        return new ProjectionDefinition(CompanyProjection.PROCESSING_GROUP,
                Set.of("companies", "contacts", "contact_companies"), Set.of("company_values_"),
                (mongo, emitter) -> List.of(new CompanyValueCountProjection(mongo), new CompanyProjection(mongo, emitter),
                        new ContactProjection(mongo, emitter)),
                mongo -> {
                    new CompanyIndexes(mongo).ensure();
                    new CompanyValueIndexes(mongo).ensure();
                    new ContactIndexes(mongo).ensure();
                });
    }

    @Bean
    ProjectionDefinition notificationsReadModel() {
        return new ProjectionDefinition(NotificationProjection.PROCESSING_GROUP,
                Set.of("notification_entries", "notification_inboxes", "notification_reads"), Set.of(),
                (mongo, emitter) -> List.of(new NotificationProjection(mongo, emitter)),
                mongo -> new NotificationIndexes(mongo).ensure());
    }

    @Bean
    ProjectionDefinition uploadsReadModel(Durability durability) {
        return new ProjectionDefinition(UploadProjection.PROCESSING_GROUP, Set.of("uploads", "upload_errors"), Set.of(),
                (mongo, emitter) -> List.of(new UploadProjection(mongo, emitter, durability)),
                mongo -> new UploadIndexes(mongo).ensure());
    }
}
