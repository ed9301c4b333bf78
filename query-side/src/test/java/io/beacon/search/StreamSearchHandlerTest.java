package io.beacon.search;

import io.beacon.common.BeaconException;
import io.beacon.company.CompanyProjection;
import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.company.value.CompanyMetadata;
import io.beacon.contact.ContactProjection;
import io.beacon.contact.event.ContactCreated;
import io.beacon.contact.event.ContactDeleted;
import io.beacon.contact.value.ContactDeletionCause;
import io.beacon.contact.value.ContactFields;
import io.beacon.contact.value.ContactId;
import io.beacon.contact.value.ContactMetadata;
import io.beacon.readmodel.InMemoryMongo;
import io.beacon.search.query.SearchEntity;
import io.beacon.search.query.SearchHit;
import io.beacon.search.query.StreamSearch;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link StreamSearchHandler} on the embedded store, fed by the real company and contact projections. */
class StreamSearchHandlerTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final InMemoryMongo store = new InMemoryMongo(template -> { });
    private final CompanyProjection companies = new CompanyProjection(store.template(), SimpleQueryUpdateEmitter.builder().build());
    private final ContactProjection contacts = new ContactProjection(store.template(), SimpleQueryUpdateEmitter.builder().build());
    private final StreamSearchHandler handler = new StreamSearchHandler(store.template());
    private long number;

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void scoresWholeWordsInTheNameAboveSubstringsAboveOtherFields() {
        CompanyId whole = company("Acme Cloud", List.of(), List.of());
        CompanyId part = company("Acmeware Cloudy", List.of(), List.of());
        CompanyId elsewhere = company("Initech", List.of("ACME"), List.of("cloud hosting"));
        CompanyId mixed = company("Acme Tools", List.of(), List.of("Cloud"));
        company("Globex", List.of("Manufacturing"), List.of());

        List<SearchHit> hits = search(SearchEntity.COMPANIES, "acme cloud", null);

        assertThat(hits).extracting(SearchHit::uuid)
                .containsExactly(whole.value(), part.value(), elsewhere.value(), mixed.value());
        assertThat(hits).extracting(SearchHit::score).containsExactly(1.0, 4.0 / 6, 2.0 / 6, 4.0 / 6);
        assertThat(hits.get(0).name()).isEqualTo("Acme Cloud");
        assertThat(hits.get(0).fields()).containsEntry("website", "https://acme-cloud.test").containsEntry("city", "Oakland");
    }

    @Test
    void matchesIgnoreCaseAndRepeatedTerms() {
        company("ACME", List.of(), List.of());

        List<SearchHit> hits = search(SearchEntity.COMPANIES, "  acme Acme  ", null);

        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.score()).isCloseTo(1.0, within(1e-9)));
    }

    @Test
    void emitsAtMostTheLimitInScanOrder() {
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            created.add(company("Tagged " + i, List.of(), List.of()).value());
        }

        assertThat(search(SearchEntity.COMPANIES, "tagged", 7)).extracting(SearchHit::uuid)
                .containsExactlyElementsOf(created.subList(0, 7));
        assertThat(search(SearchEntity.COMPANIES, "tagged", null)).hasSize(StreamSearch.DEFAULT_LIMIT);
    }

    @Test
    void deletedCompaniesAreSkipped() {
        CompanyId kept = company("Acme Live", List.of(), List.of());
        CompanyId gone = company("Acme Gone", List.of(), List.of());
        companies.on(new CompanyDeleted(gone), 1, T0.plusSeconds(60));

        assertThat(search(SearchEntity.COMPANIES, "acme", null)).extracting(SearchHit::uuid).containsExactly(kept.value());
    }

    @Test
    void contactsScoreNameTitleAndCompanyAndHideDeletedOnesAndThoseOfDeletedCompanies() {
        CompanyId acme = company("Acme Cloud", List.of(), List.of());
        CompanyId globex = company("Globex", List.of(), List.of());
        ContactId ada = contact(acme, "Ada", "Lovelace", "VP Sales");
        ContactId bob = contact(globex, "Bob", "Acme", "Engineer");
        ContactId cy = contact(globex, "Cy", "Young", "Acme liaison");
        ContactId dee = contact(acme, "Dee", "Dropped", "CTO");
        contacts.on(new ContactDeleted(dee, acme, ContactDeletionCause.REQUESTED), 1, T0.plusSeconds(60));

        List<SearchHit> hits = search(SearchEntity.CONTACTS, "acme", null);

        assertThat(hits).extracting(SearchHit::uuid).containsExactly(ada.value(), bob.value(), cy.value());
        assertThat(hits).extracting(SearchHit::score).containsExactly(1.0 / 3, 1.0, 1.0 / 3);
        assertThat(hits.get(0).name()).isEqualTo("Ada Lovelace");
        assertThat(hits.get(0).fields()).isEqualTo(Map.of("title", "VP Sales", "email", "ada@example.test",
                "company_uuid", acme.value(), "company_name", "Acme Cloud"));

        // The company's contacts disappear with it, before the cascade deletes them.
        contacts.on(new CompanyDeleted(globex), 1);
        assertThat(search(SearchEntity.CONTACTS, "acme", null)).extracting(SearchHit::uuid).containsExactly(ada.value());
    }

    @Test
    void emitsEachHitAsItIsScoredAndStopsReadingOnCancel() {
        for (int i = 0; i < 50; i++) {
            company("Streamed " + i, List.of(), List.of());
        }
        List<SearchHit> received = new CopyOnWriteArrayList<>();
        boolean[] completed = {false};
        BaseSubscriber<SearchHit> oneByOne = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(SearchHit hit) {
                received.add(hit);
            }

            @Override
            protected void hookOnComplete() {
                completed[0] = true;
            }
        };

        handler.handle(new StreamSearch(SearchEntity.COMPANIES, "streamed", 500)).subscribe(oneByOne);

        // One hit asked for, one delivered: the scan waits for demand rather than running to the end.
        assertThat(received).hasSize(1);
        oneByOne.request(2);
        assertThat(received).hasSize(3);
        oneByOne.cancel();
        assertThat(completed[0]).isFalse();
    }

    @Test
    void queryAndLimitAreValidated() {
        assertThatThrownBy(() -> new StreamSearch(SearchEntity.COMPANIES, null, 10)).isInstanceOf(BeaconException.class);
        assertThatThrownBy(() -> new StreamSearch(SearchEntity.COMPANIES, "   ", 10)).isInstanceOf(BeaconException.class);
        assertThatThrownBy(() -> new StreamSearch(SearchEntity.COMPANIES, "x".repeat(201), 10)).isInstanceOf(BeaconException.class);
        assertThatThrownBy(() -> new StreamSearch(SearchEntity.COMPANIES, "acme", 0)).isInstanceOf(BeaconException.class);
        assertThatThrownBy(() -> new StreamSearch(SearchEntity.COMPANIES, "acme", 501)).isInstanceOf(BeaconException.class);
        assertThatThrownBy(() -> SearchEntity.fromWire("people")).isInstanceOf(BeaconException.class);
        StreamSearch defaults = new StreamSearch(null, " acme ", null);
        assertThat(defaults).isEqualTo(new StreamSearch(SearchEntity.COMPANIES, "acme", StreamSearch.DEFAULT_LIMIT));
    }

    private List<SearchHit> search(SearchEntity entity, String query, Integer limit) {
        return handler.handle(new StreamSearch(entity, query, limit)).collectList().block();
    }

    private CompanyId company(String name, List<String> keywords, List<String> technologies) {
        CompanyId id = CompanyId.random();
        CompanyFields fields = new CompanyFields(name, null, null, null, List.of(), keywords, technologies, null, null,
                new CompanyMetadata("Oakland", "CA", "United States", null,
                        "https://" + name.toLowerCase().replace(' ', '-') + ".test", null, null, null));
        CompanyCreated created = new CompanyCreated(id, ++number, fields);
        companies.on(created, 0, T0);
        contacts.on(created, 0);
        return id;
    }

    private ContactId contact(CompanyId company, String first, String last, String title) {
        ContactId id = ContactId.random();
        contacts.on(new ContactCreated(id, company, ++number, new ContactFields(first, last,
                first.toLowerCase() + "@example.test", title, null, List.of(), null, null, null, null, null, null,
                ContactMetadata.EMPTY), Set.of()), 0, T0);
        return id;
    }
}
