package io.beacon.company;

import io.beacon.company.query.CompanyAttribute;
import io.beacon.company.query.CompanyFilter;
import io.beacon.company.query.CompanyValues;
import io.beacon.company.query.FindCompanyValues;
import io.beacon.company.query.ValueOrdering;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.BsonRegularExpression;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Answers {@link FindCompanyValues}. Without company filters (or with only a text filter on the
 * looked-up attribute itself, which selects the same values as a search) the answer comes from the
 * attribute's value → count read model; otherwise the values are counted over the matching companies,
 * in one aggregation that returns each value once with its count, of which only the requested slice is
 * kept in memory.
 */
@Component
public class CompanyValueQueryHandler {

    private final MongoOperations mongo;

    public CompanyValueQueryHandler(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public CompanyValues handle(FindCompanyValues query) {
        ValueTally tally = ValueTally.of(query.attribute(), query.separated());
        List<Object> results = needsCompanies(query.filter(), query.attribute())
                ? fromCompanies(query, tally) : fromCounts(query, tally);
        return new CompanyValues(results);
    }

    /** Whether the filter constrains anything the value counts cannot tell. */
    static boolean needsCompanies(CompanyFilter f, CompanyAttribute attribute) {
        return given(f.companyLocation()) || given(f.phoneNumber()) || given(f.website()) || given(f.linkedinUrl())
                || given(f.facebookUrl()) || given(f.twitterUrl()) || given(f.search())
                || (given(f.name()) && attribute != CompanyAttribute.NAME)
                || (given(f.address()) && attribute != CompanyAttribute.ADDRESS)
                || (given(f.city()) && attribute != CompanyAttribute.CITY)
                || (given(f.state()) && attribute != CompanyAttribute.STATE)
                || (given(f.country()) && attribute != CompanyAttribute.COUNTRY)
                || f.employeesCount() != null || f.annualRevenue() != null || f.totalFunding() != null
                || f.employeesMin() != null || f.employeesMax() != null || f.annualRevenueMin() != null
                || f.annualRevenueMax() != null || f.totalFundingMin() != null || f.totalFundingMax() != null
                || !f.industries().isEmpty() || !f.keywords().isEmpty() || !f.technologies().isEmpty()
                || !f.excludeIndustries().isEmpty() || !f.excludeKeywords().isEmpty() || !f.excludeTechnologies().isEmpty()
                || f.createdAtAfter() != null || f.createdAtBefore() != null
                || f.updatedAtAfter() != null || f.updatedAtBefore() != null;
    }

    private List<Object> fromCounts(FindCompanyValues query, ValueTally tally) {
        List<Criteria> all = new ArrayList<>();
        all.add(Criteria.where(ValueTally.COUNT).gt(0));
        if (query.search() != null) {
            all.add(CompanyCriteria.containing(ValueTally.VALUE, query.search()));
        }
        String own = ownText(query.filter(), query.attribute());
        if (given(own)) {
            all.add(CompanyCriteria.containing(ValueTally.VALUE, own));
        }
        Query mongoQuery = Query.query(all.size() == 1 ? all.get(0) : new Criteria().andOperator(all))
                .with(sort(query.ordering()));
        mongoQuery.fields().include(ValueTally.VALUE, ValueTally.COUNT);
        if (query.distinct()) {
            mongoQuery.skip(query.offset()).limit(query.limit());
            List<Object> results = new ArrayList<>(Math.min(query.limit(), 1_000));
            mongo.executeQuery(mongoQuery, tally.collection(), d -> results.add(value(d.get(ValueTally.VALUE))));
            return results;
        }
        try (Stream<Document> counted = mongo.stream(mongoQuery, Document.class, tally.collection())) {
            return expand(counted.map(d -> new Counted(value(d.get(ValueTally.VALUE)),
                    ((Number) d.get(ValueTally.COUNT)).longValue())).iterator(), query.offset(), query.limit());
        }
    }

    private List<Object> fromCompanies(FindCompanyValues query, ValueTally tally) {
        List<Document> pipeline = new ArrayList<>();
        pipeline.add(new Document("$match", CompanyCriteria.query(query.filter()).getQueryObject()));
        pipeline.add(new Document("$project", new Document("v", "$" + path(query.attribute()))));
        if (query.separated()) {
            pipeline.add(new Document("$unwind", "$v"));
        }
        List<Document> valueMatch = new ArrayList<>();
        valueMatch.add(tally.wholeLists()
                ? new Document("v.0", new Document("$exists", true))
                : new Document("v", new BsonRegularExpression("\\S")));
        if (query.search() != null) {
            valueMatch.add(new Document("v", new BsonRegularExpression(Pattern.quote(query.search()), "i")));
        }
        pipeline.add(new Document("$match", new Document("$and", valueMatch)));
        if (query.separated()) {
            // A company repeating an entry has that value once.
            pipeline.add(new Document("$group", new Document("_id", new Document("c", "$_id").append("v", "$v"))));
            pipeline.add(new Document("$group", new Document("_id", "$_id.v").append("n", new Document("$sum", 1))));
        } else if (!tally.wholeLists()) {
            pipeline.add(new Document("$group", new Document("_id", "$v").append("n", new Document("$sum", 1))));
        }
        Iterable<Document> rows = mongo.getCollection(CompanyDocuments.COLLECTION).aggregate(pipeline).allowDiskUse(true);
        Iterable<Counted> counted = tally.wholeLists() ? countLists(rows) : () -> stream(rows)
                .map(group -> new Counted(value(group.get("_id")), ((Number) group.get("n")).longValue())).iterator();
        // Only the first offset + limit values can be answered: keep those, never every value.
        long wanted = Math.min(query.offset() + query.limit(), Integer.MAX_VALUE - 1);
        Comparator<Counted> order = comparator(query.ordering());
        PriorityQueue<Counted> first = new PriorityQueue<>(order.reversed());
        for (Counted value : counted) {
            first.add(value);
            if (first.size() > wanted) {
                first.poll();
            }
        }
        List<Counted> sorted = new ArrayList<>(first);
        sorted.sort(order);
        if (query.distinct()) {
            return sorted.stream().skip(query.offset()).limit(query.limit()).map(Counted::value).toList();
        }
        return expand(sorted.iterator(), query.offset(), query.limit());
    }

    /*
     * Whole lists are counted here rather than by $group: the embedded store groups arrays as it sorts
     * them (by their smallest entry), which would merge different lists.
     */
    private static Iterable<Counted> countLists(Iterable<Document> companies) {
        Map<String, Counted> byKey = new HashMap<>();
        for (Document company : companies) {
            Object list = value(company.get("v"));
            byKey.merge(ValueTally.key(list), new Counted(list, 1),
                    (a, b) -> new Counted(a.value(), a.count() + b.count(), a.key(), a.sortKey()));
        }
        return byKey.values();
    }

    private static Stream<Document> stream(Iterable<Document> rows) {
        return StreamSupport.stream(rows.spliterator(), false);
    }

    /** One entry per company: each value repeated as often as it is counted, then the slice. */
    private static List<Object> expand(Iterator<Counted> counted, long offset, int limit) {
        List<Object> results = new ArrayList<>(Math.min(limit, 1_000));
        long skip = offset;
        while (counted.hasNext() && results.size() < limit) {
            Counted next = counted.next();
            long take = next.count();
            if (skip >= take) {
                skip -= take;
                continue;
            }
            take -= skip;
            skip = 0;
            for (long i = 0; i < take && results.size() < limit; i++) {
                results.add(next.value());
            }
        }
        return results;
    }

    /** The value read-model order, by sort key then key, as {@link #comparator} orders in memory. */
    private static Sort sort(ValueOrdering ordering) {
        return switch (ordering) {
            case VALUE -> Sort.by(Sort.Order.asc(ValueTally.SORT), Sort.Order.asc(ValueTally.KEY));
            case VALUE_DESCENDING -> Sort.by(Sort.Order.desc(ValueTally.SORT), Sort.Order.desc(ValueTally.KEY));
            case COUNT -> Sort.by(Sort.Order.asc(ValueTally.COUNT), Sort.Order.asc(ValueTally.SORT),
                    Sort.Order.asc(ValueTally.KEY));
            case COUNT_DESCENDING -> Sort.by(Sort.Order.desc(ValueTally.COUNT), Sort.Order.asc(ValueTally.SORT),
                    Sort.Order.asc(ValueTally.KEY));
        };
    }

    static Comparator<Counted> comparator(ValueOrdering ordering) {
        // Strings compare by code point, as MongoDB compares UTF-8 bytes.
        Comparator<Counted> byValue = Comparator.comparing(Counted::sortKey, CompanyValueQueryHandler::compareCodePoints)
                .thenComparing(Counted::key, CompanyValueQueryHandler::compareCodePoints);
        return switch (ordering) {
            case VALUE -> byValue;
            case VALUE_DESCENDING -> byValue.reversed();
            case COUNT -> Comparator.comparingLong(Counted::count).thenComparing(byValue);
            case COUNT_DESCENDING -> Comparator.comparingLong(Counted::count).reversed().thenComparing(byValue);
        };
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String path(CompanyAttribute attribute) {
        return switch (attribute) {
            case NAME -> "name";
            case INDUSTRIES -> "industries";
            case KEYWORDS -> "keywords";
            case TECHNOLOGIES -> "technologies";
            case CITY -> "metadata.city";
            case STATE -> "metadata.state";
            case COUNTRY -> "metadata.country";
            case ADDRESS -> "address";
        };
    }

    /** The filter's text on the looked-up attribute itself, if it has one. */
    private static String ownText(CompanyFilter f, CompanyAttribute attribute) {
        return switch (attribute) {
            case NAME -> f.name();
            case CITY -> f.city();
            case STATE -> f.state();
            case COUNTRY -> f.country();
            case ADDRESS -> f.address();
            default -> null;
        };
    }

    private static boolean given(String text) {
        return text != null && !text.isEmpty();
    }

    private static Object value(Object stored) {
        if (stored instanceof List<?> list) {
            return list.stream().map(String.class::cast).toList();
        }
        return stored;
    }

    /** A value with its count, and the keys it sorts by. */
    record Counted(Object value, long count, String key, String sortKey) {

        Counted(Object value, long count) {
            this(value, count, ValueTally.key(value), ValueTally.sortKey(value));
        }
    }
}
