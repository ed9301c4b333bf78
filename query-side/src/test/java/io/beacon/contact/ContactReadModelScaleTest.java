package io.beacon.contact;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.CountCompanyContacts;
import io.beacon.contact.query.FindCompanyContacts;
import io.beacon.contact.value.ContactId;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;

import static io.beacon.contact.Contacts.filter;
import static io.beacon.contact.Contacts.person;
import static org.assertj.core.api.Assertions.assertThat;

/** A company with more contacts than one slot-key chunk holds, beside another company's contacts. */
class ContactReadModelScaleTest {

    private static final int BIG = 2 * ContactCompanies.CHUNK + 200;

    private final InMemoryMongo store = new InMemoryMongo(template -> new ContactIndexes(template).ensure());

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aCompanysThousandsOfContactsAreRenamedCountedAndPagedAcrossSlotChunks() {
        ContactProjection projection = new ContactProjection(store.template(), new EmittedContacts().emitter());
        Contacts contacts = new Contacts(projection);
        CompanyId big = contacts.company("Big");
        CompanyId small = contacts.company("Small");
        List<ContactId> bigContacts = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            String seniority = i % 4 == 0 ? "senior" : "junior";
            bigContacts.add(contacts.contact(big, person("First" + i, "Last" + i, null, seniority, List.of(), null), i));
            if (i % 5 == 0) {
                contacts.contact(small, person("Other" + i, "Small", null, "senior", List.of(), null), i);
            }
        }
        for (int i = 0; i < BIG; i += 10) {
            contacts.delete(bigContacts.get(i), big, 1, Contacts.T0.plusSeconds(86_400));
        }

        contacts.updateCompany(big, 1, "name", "Big Renamed");
        ContactQueryHandler queries = new ContactQueryHandler(store.template());

        long renamed = store.template().count(Query.query(Criteria.where("company.name").is("Big Renamed")),
                ContactDocuments.COLLECTION);
        assertThat(renamed).isEqualTo(BIG);
        assertThat(store.template().count(Query.query(Criteria.where("company.name").is("Small")),
                ContactDocuments.COLLECTION)).isEqualTo((BIG + 4) / 5);
        long liveSeniors = java.util.stream.IntStream.range(0, BIG).filter(i -> i % 4 == 0 && i % 10 != 0).count();
        assertThat(queries.handle(new CountCompanyContacts(big, filter("seniorities", List.of("senior")))))
                .isEqualTo(liveSeniors);
        assertThat(queries.handle(new CountCompanyContacts(big, null))).isEqualTo(BIG - BIG / 10);

        ContactPage page = queries.handle(new FindCompanyContacts(big, null, List.of(new SortKey("id", true)), 1_000, 50));
        List<String> expected = new ArrayList<>();
        for (int i = BIG - 1; i >= 0; i--) {
            if (i % 10 != 0) {
                expected.add(bigContacts.get(i).value());
            }
        }
        assertThat(page.results()).extracting(ContactView::uuid).isEqualTo(expected.subList(1_000, 1_050));
        assertThat(page.results()).allSatisfy(view -> assertThat(view.company().name()).isEqualTo("Big Renamed"));
        Document source = store.template().findById(big.value(), Document.class, ContactCompanies.COLLECTION);
        assertThat(source.getLong("slots")).isEqualTo(BIG);
    }
}
