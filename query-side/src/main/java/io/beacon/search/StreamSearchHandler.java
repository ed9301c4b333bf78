package io.beacon.search;

import io.beacon.search.query.SearchHit;
import io.beacon.search.query.StreamSearch;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import io.beacon.contact.HiddenCompanies;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers {@link StreamSearch} by scanning the read model: no {@code $text} and no non-unique index,
 * so it works on the embedded store too. The scan reads only the searched and shown fields, scores
 * each live document in Java ({@link SearchScorer}) and emits each hit as it is scored, in scan order.
 * The cursor is pulled on demand and closed when the limit is reached or the subscriber cancels.
 *
 * <p>Collection and field names are those of {@code CompanyDocuments} and {@code ContactDocuments}
 * (package-private in their contexts); which companies' contacts are hidden is {@link HiddenCompanies}.
 */
@Component
public class StreamSearchHandler {

    private static final String COMPANIES = "companies";
    private static final String CONTACTS = "contacts";
    private static final String ID = "_id";
    private static final String DELETED = "deleted";

    private final MongoOperations mongo;

    public StreamSearchHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public Flux<SearchHit> handle(StreamSearch search) {
        SearchScorer scorer = new SearchScorer(search.query());
        Flux<SearchHit> hits = switch (search.entity()) {
            case COMPANIES -> scan(companies(), COMPANIES, document -> company(document, scorer));
            // Hidden companies are read when the stream starts, as the contact search does.
            case CONTACTS -> Flux.defer(() -> {
                Set<String> hidden = HiddenCompanies.read(mongo);
                return scan(contacts(), CONTACTS, document -> contact(document, hidden, scorer));
            });
        };
        return hits.take(search.limit());
    }

    private Flux<SearchHit> scan(Query query, String collection, Function<Document, SearchHit> hit) {
        // fromStream pulls the cursor only as far as requested and closes it on completion or cancel.
        return Flux.fromStream(() -> mongo.stream(query, Document.class, collection)).mapNotNull(hit);
    }

    private static Query companies() {
        Query query = Query.query(Criteria.where(DELETED).ne(true));
        query.fields().include(ID, "name", "keywords", "industries", "technologies", "metadata.website",
                "metadata.city", "metadata.country");
        return query;
    }

    private static Query contacts() {
        Query query = Query.query(Criteria.where(DELETED).ne(true));
        query.fields().include(ID, "first_name", "last_name", "title", "email", "company.uuid", "company.name");
        return query;
    }

    private static SearchHit company(Document document, SearchScorer scorer) {
        List<String> others = new ArrayList<>();
        others.addAll(strings(document, "keywords"));
        others.addAll(strings(document, "industries"));
        others.addAll(strings(document, "technologies"));
        String name = document.getString("name");
        double score = scorer.score(name, others);
        if (score <= 0) {
            return null;
        }
        Document metadata = document.get("metadata", Document.class);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (metadata != null) {
            putIfPresent(fields, "website", metadata.getString("website"));
            putIfPresent(fields, "city", metadata.getString("city"));
            putIfPresent(fields, "country", metadata.getString("country"));
        }
        return new SearchHit(document.getString(ID), name, score, fields);
    }

    private static SearchHit contact(Document document, Set<String> hiddenCompanies, SearchScorer scorer) {
        Document company = document.get("company", Document.class);
        String companyUuid = company == null ? null : company.getString("uuid");
        if (companyUuid == null || hiddenCompanies.contains(companyUuid)) {
            return null;
        }
        String name = fullName(document.getString("first_name"), document.getString("last_name"));
        List<String> others = new ArrayList<>();
        addIfPresent(others, document.getString("title"));
        addIfPresent(others, company.getString("name"));
        double score = scorer.score(name, others);
        if (score <= 0) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        putIfPresent(fields, "title", document.getString("title"));
        putIfPresent(fields, "email", document.getString("email"));
        fields.put("company_uuid", companyUuid);
        putIfPresent(fields, "company_name", company.getString("name"));
        return new SearchHit(document.getString(ID), name, score, fields);
    }

    private static String fullName(String first, String last) {
        List<String> parts = new ArrayList<>(2);
        addIfPresent(parts, first);
        addIfPresent(parts, last);
        return String.join(" ", parts);
    }

    private static List<String> strings(Document document, String key) {
        List<String> values = document.getList(key, String.class);
        return values == null ? List.of() : values;
    }

    private static void addIfPresent(List<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }

    private static void putIfPresent(Map<String, Object> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
