package io.beacon.store;

import io.beacon.company.CompanyNumbers;
import io.beacon.contact.ContactNumbers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Company and contact numbers, each from its own counter ({@code company}, {@code contact}) in the
 * shared {@code counters} collection.
 */
@Configuration
class NumberSequences {

    @Bean
    CompanyNumbers companyNumbers(MongoOperations mongo) {
        return new MongoSequence(mongo, "company")::next;
    }

    @Bean
    ContactNumbers contactNumbers(MongoOperations mongo) {
        return new MongoSequence(mongo, "contact")::next;
    }
}
