package io.beacon.company;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.company.query.CompanyFilter;
import io.beacon.company.query.SortKey;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;

import java.util.List;
import java.util.regex.Pattern;

import static io.beacon.company.Companies.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompanyCriteriaTest {

    @Test
    void everyQueryExcludesDeletedCompanies() {
        assertThat(CompanyCriteria.query(CompanyFilter.NONE).getQueryObject())
                .isEqualTo(new Document("deleted", false));
    }

    @Test
    void operatorLikeTextBecomesAQuotedRegexOperand() {
        Document query = CompanyCriteria.query(filter("name", "{\"$ne\":1}")).getQueryObject();

        List<Document> all = query.getList("$and", Document.class);
        assertThat(all).hasSize(2);
        Object name = all.get(1).get("name");
        String regex = name instanceof Pattern p ? p.pattern() : ((BsonRegularExpression) name).getPattern();
        assertThat(regex).isEqualTo(Pattern.quote("{\"$ne\":1}"));
        assertThat(Pattern.compile(regex).matcher("x{\"$ne\":1}y").find()).isTrue();
    }

    @Test
    void listFiltersCompareLowerCasedValuesWithTheShadowArrays() {
        Document query = CompanyCriteria.query(filter("industries", List.of("Tech", "AI"),
                "excludeKeywords", List.of("B2B"))).getQueryObject();

        assertThat(query.getList("$and", Document.class)).contains(
                new Document("industries_lc", new Document("$in", List.of("tech", "ai"))),
                new Document("keywords_lc", new Document("$nin", List.of("b2b"))));
    }

    @Test
    void orderingEndsWithTheIdTieBreakerUnlessIdIsAlreadyAKey() {
        assertThat(CompanyCriteria.sort(List.of())).isEqualTo(Sort.by(Sort.Order.asc("number")));
        assertThat(CompanyCriteria.sort(List.of(new SortKey("city", true), new SortKey("uuid", false))))
                .isEqualTo(Sort.by(Sort.Order.desc("metadata.city"), Sort.Order.asc("_id"), Sort.Order.asc("number")));
        assertThat(CompanyCriteria.sort(List.of(new SortKey("name", false), new SortKey("id", true))))
                .isEqualTo(Sort.by(Sort.Order.asc("name"), Sort.Order.desc("number")));
    }

    @Test
    void unknownSortFieldIsAValidationError() {
        assertThatThrownBy(() -> CompanyCriteria.sort(List.of(new SortKey("$natural", false))))
                .isInstanceOfSatisfying(BeaconException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR));
    }

    @Test
    void everyOrderableFieldHasAPath() {
        for (String field : SortKey.COMPANY_FIELDS) {
            assertThat(CompanyCriteria.sort(List.of(new SortKey(field, false))).toList()).isNotEmpty();
        }
    }
}
