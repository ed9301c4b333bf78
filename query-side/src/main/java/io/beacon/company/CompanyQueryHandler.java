package io.beacon.company;

import io.beacon.company.query.CompanyPage;
import io.beacon.company.query.CompanyUuids;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.CountCompanies;
import io.beacon.company.query.FindCompanies;
import io.beacon.company.query.FindCompany;
import io.beacon.company.query.FindCompanyUuids;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.beacon.company.CompanyDocuments.COLLECTION;

/**
 * Answers company queries from the {@code companies} read model. Deleted companies are invisible.
 */
@Component
public class CompanyQueryHandler {

    private final MongoOperations mongo;

    public CompanyQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public CompanyView handle(FindCompany query) {
        // By _id alone (an index lookup even on the embedded store), deleted filtered here.
        Document document = mongo.findOne(Query.query(Criteria.where(CompanyDocuments.ID).is(query.companyId().value())),
                Document.class, COLLECTION);
        return document == null || Boolean.TRUE.equals(document.get(CompanyDocuments.DELETED))
                ? null : CompanyDocuments.toView(document);
    }

    @QueryHandler
    public CompanyPage handle(FindCompanies query) {
        // One row beyond the page tells whether another page follows, without a second count query.
        Query mongoQuery = CompanyCriteria.query(query.filter())
                .with(CompanyCriteria.sort(query.ordering()))
                .skip(query.offset())
                .limit(query.limit() + 1);
        mongoQuery.fields().exclude("industries_lc", "keywords_lc", "technologies_lc");
        List<CompanyView> views = new ArrayList<>(query.limit() + 1);
        mongo.executeQuery(mongoQuery, COLLECTION, document -> views.add(CompanyDocuments.toView(document)));
        boolean hasMore = views.size() > query.limit();
        return new CompanyPage(hasMore ? List.copyOf(views.subList(0, query.limit())) : List.copyOf(views), hasMore);
    }

    @QueryHandler
    public Long handle(CountCompanies query) {
        return mongo.count(CompanyCriteria.query(query.filter()), COLLECTION);
    }

    @QueryHandler
    public CompanyUuids handle(FindCompanyUuids query) {
        Query mongoQuery = CompanyCriteria.query(query.filter()).with(CompanyCriteria.sort(query.ordering()));
        if (query.limit() != null) {
            mongoQuery.limit(query.limit());
        }
        mongoQuery.fields().include(CompanyDocuments.ID);
        List<String> uuids = query.limit() == null ? new ArrayList<>() : new ArrayList<>(Math.min(query.limit(), 10_000));
        mongo.executeQuery(mongoQuery, COLLECTION, document -> uuids.add(document.getString(CompanyDocuments.ID)));
        return new CompanyUuids(Collections.unmodifiableList(uuids));
    }
}
