package io.beacon.company;

import io.beacon.readmodel.InMemoryMongo;
import io.beacon.company.query.CompanyPage;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.CountCompanies;
import io.beacon.company.query.FindCompanies;
import io.beacon.company.query.FindCompanyUuids;
import io.beacon.company.query.SortKey;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

import static io.beacon.company.Companies.filter;
import static org.assertj.core.api.Assertions.assertThat;

class CompanyReadModelScaleTest {

    private static final int COMPANIES = 10_000;

    private final InMemoryMongo mongo = new InMemoryMongo(template -> new CompanyIndexes(template).ensure());

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void tenThousandCompaniesAreProjectedAndFoundByNameSubstringInOrder() {
        Companies companies = new Companies(new CompanyProjection(mongo.template(), new EmittedViews().emitter()));
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (long n = 1; n <= COMPANIES; n++) {
            // Every tenth name carries the marker; employee counts repeat so ties need the id tie-breaker.
            String name = (n % 10 == 0 ? "Blue Ridge " : "Company ") + n;
            companies.create(n, new CompanyFields(name, n % 7 * 100, n * 1_000, null, List.of("Industry " + n % 5),
                    List.of(), List.of(), null, null, new CompanyMetadata("City " + n % 3, null, null, null, null,
                    null, null, null)), start.plusSeconds(n));
        }
        CompanyQueryHandler queries = new CompanyQueryHandler(mongo.template());
        List<SortKey> ordering = List.of(new SortKey("employees_count", true));

        CompanyPage page = queries.handle(new FindCompanies(filter("name", "blue RIDGE"), ordering, 100, 50));

        List<Long> expected = LongStream.rangeClosed(1, COMPANIES).filter(n -> n % 10 == 0).boxed()
                .sorted(Comparator.comparing((Long n) -> n % 7 * 100).reversed().thenComparing(n -> n))
                .skip(100).limit(50).toList();
        assertThat(page.results()).extracting(CompanyView::id).containsExactlyElementsOf(expected);
        assertThat(page.results()).allSatisfy(view -> assertThat(view.name()).startsWith("Blue Ridge "));
        assertThat(page.hasMore()).isTrue();
        assertThat(queries.handle(new CountCompanies(filter("name", "blue ridge")))).isEqualTo(COMPANIES / 10);
        assertThat(queries.handle(new CountCompanies(filter("industries", List.of("industry 0")))))
                .isEqualTo(COMPANIES / 5);
        assertThat(queries.handle(new FindCompanyUuids(filter("name", "Blue Ridge"), ordering, null)).uuids())
                .hasSize(COMPANIES / 10).doesNotHaveDuplicates();
    }
}
