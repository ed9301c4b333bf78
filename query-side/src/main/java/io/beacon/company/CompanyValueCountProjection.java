package io.beacon.company;

import io.beacon.company.event.CompanyCreated;
import io.beacon.company.event.CompanyDeleted;
import io.beacon.company.event.CompanyUpdated;
import io.beacon.company.value.CompanyId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps the value → count read models ({@link ValueTally}) from company events.
 * <p>
 * It runs in the {@code companies} processing group, ahead of {@link CompanyProjection} (lower
 * {@code @Order}): a company document showing an event therefore means its counts show it too, so
 * the read-your-writes wait on the company covers the lookups, and resetting that one processor
 * rebuilds both.
 * <p>
 * Exactly once without transactions: a ledger document per company holds what was counted for it
 * and the version it reached, written last, so a handled event is skipped when redelivered. An event
 * whose counting was cut short (a crash between the value updates and the ledger) is first marked
 * {@code pending} in the ledger; handling it again then skips the values already carrying its marker
 * (each value update atomically adds the marker with the count change).
 */
@Component
@ProcessingGroup(CompanyProjection.PROCESSING_GROUP)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CompanyValueCountProjection {

    static final String LEDGER = "company_values_ledger";
    static final String VERSION = "version";
    static final String PENDING = "pending";
    /**
     * Markers kept per value. A pending event's markers must still be there when it is handled
     * again; one processor thread per company and a few events in between need far fewer.
     */
    static final int MARKERS_KEPT = 32;

    private final MongoOperations mongo;

    public CompanyValueCountProjection(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    public void on(CompanyCreated event, @SequenceNumber long sequence) {
        count(event.companyId(), sequence + 1, true, before -> CountedCompany.of(event.fields()));
    }

    @EventHandler
    public void on(CompanyUpdated event, @SequenceNumber long sequence) {
        count(event.companyId(), sequence + 1, false, before -> before.with(event.changes()));
    }

    @EventHandler
    public void on(CompanyDeleted event, @SequenceNumber long sequence) {
        count(event.companyId(), sequence + 1, false, before -> CountedCompany.NONE);
    }

    @ResetHandler
    public void reset() {
        for (ValueTally tally : ValueTally.values()) {
            mongo.remove(new Query(), tally.collection());
        }
        mongo.remove(new Query(), LEDGER);
    }

    /*
     * Reads by _id alone and compares in Java, as CompanyProjection does: one processor thread owns a
     * company's events at a time, and the embedded store serves only a lone _id (or $in) from an index.
     */
    private void count(CompanyId id, long version, boolean creation, UnaryOperator<CountedCompany> next) {
        // Reads the ledger and marks the event pending in one round trip (the ledger as it was before).
        // The mark only ever rises ($max): a redelivered earlier event, already counted, must not erase
        // the mark of a later one that was cut short, or that one would count again. A mark left on an
        // event that changed nothing counted is harmless: only an event whose version it names and that
        // the ledger has not reached resumes. Only a creation creates the ledger.
        Document ledger = mongo.findAndModify(byId(id.value()), new Update().max(PENDING, version),
                FindAndModifyOptions.options().upsert(creation).returnNew(false), Document.class, LEDGER);
        long counted = ledger != null && ledger.get(VERSION) instanceof Number stored ? stored.longValue() : 0;
        if (counted >= version || (counted == 0 && !creation)) {
            // Already counted, or never created here.
            return;
        }
        CountedCompany before = counted == 0 ? CountedCompany.NONE : CountedCompany.from(ledger);
        CountedCompany after = next.apply(before);
        boolean resumed = ledger != null && ledger.get(PENDING) instanceof Number pending && pending.longValue() == version;
        Map<ValueTally, Map<String, Change>> changes = changes(before, after);
        if (changes.isEmpty() && counted > 0) {
            // Nothing counted changes (e.g. only employees_count did): the ledger may stay behind.
            return;
        }
        String marker = id.value() + "@" + version;
        changes.forEach((tally, byKey) -> apply(tally, byKey, marker, resumed));
        // The commit point: from here on this event counts as handled.
        mongo.save(after.appendTo(new Document(ValueTally.KEY, id.value())).append(VERSION, version), LEDGER);
    }

    private static Map<ValueTally, Map<String, Change>> changes(CountedCompany before, CountedCompany after) {
        Map<ValueTally, Map<String, Change>> changes = new EnumMap<>(ValueTally.class);
        for (ValueTally tally : ValueTally.values()) {
            Map<String, Object> old = tally.valuesOf(before);
            Map<String, Object> now = tally.valuesOf(after);
            Map<String, Change> byKey = new LinkedHashMap<>();
            old.forEach((key, value) -> {
                if (!now.containsKey(key)) {
                    byKey.put(key, new Change(value, -1));
                }
            });
            now.forEach((key, value) -> {
                if (!old.containsKey(key)) {
                    byKey.put(key, new Change(value, +1));
                }
            });
            if (!byKey.isEmpty()) {
                changes.put(tally, byKey);
            }
        }
        return changes;
    }

    private void apply(ValueTally tally, Map<String, Change> byKey, String marker, boolean resumed) {
        Set<String> done = resumed ? marked(tally, byKey.keySet(), marker) : Set.of();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, tally.collection());
        int writes = 0;
        for (Map.Entry<String, Change> entry : byKey.entrySet()) {
            if (done.contains(entry.getKey())) {
                continue;
            }
            Change change = entry.getValue();
            Update update = new Update()
                    .inc(ValueTally.COUNT, change.delta())
                    .setOnInsert(ValueTally.VALUE, change.value())
                    .setOnInsert(ValueTally.SORT, ValueTally.sortKey(change.value()));
            update.push(ValueTally.MARKERS).slice(-MARKERS_KEPT).each(marker);
            bulk.upsert(byId(entry.getKey()), update);
            writes++;
        }
        if (writes > 0) {
            bulk.execute();
        }
    }

    /** The values of {@code keys} that already carry this event's marker. */
    private Set<String> marked(ValueTally tally, Set<String> keys, String marker) {
        Query query = Query.query(Criteria.where(ValueTally.KEY).in(keys));
        query.fields().include(ValueTally.MARKERS);
        Set<String> done = new HashSet<>();
        for (Document value : mongo.find(query, Document.class, tally.collection())) {
            List<?> markers = value.getList(ValueTally.MARKERS, Object.class);
            if (markers != null && markers.contains(marker)) {
                done.add(value.getString(ValueTally.KEY));
            }
        }
        return done;
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where(ValueTally.KEY).is(id));
    }

    /** One value's count change: +1 or -1. */
    private record Change(Object value, int delta) {
    }
}
