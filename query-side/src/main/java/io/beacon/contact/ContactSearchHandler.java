package io.beacon.contact;

import io.beacon.common.BeaconException;
import io.beacon.contact.ContactSearchMatcher.Candidate;
import io.beacon.contact.query.ContactPage;
import io.beacon.contact.query.ContactSearch;
import io.beacon.contact.query.ContactUuids;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.CountSearchContacts;
import io.beacon.contact.query.FindSearchContactUuids;
import io.beacon.contact.query.SearchContacts;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static io.beacon.contact.ContactDocuments.COLLECTION;

/**
 * Answers contact searches across all companies from the {@code contacts} read model. Only live
 * contacts of live companies match: a deleted company's contacts stay in the read model until the
 * cascade deleting them has run, so the companies {@link ContactCompanies} records as deleted (or not
 * yet created) are hidden here.
 *
 * <p>A search streams the documents the pushed-down part of the criteria selects
 * ({@link ContactSearchCriteria}), checks each against the whole search ({@link ContactSearchMatcher}),
 * and keeps only the first {@code offset + limit} matches in order, so memory follows the page asked
 * for, not the number of matches.
 */
@Component
public class ContactSearchHandler {

    private final MongoOperations mongo;
    private final int maxUnlimitedContacts;
    private final int maxUnlimitedUuids;

    @Autowired
    public ContactSearchHandler(MongoOperations mongo) {
        this(mongo, SearchContacts.MAX_UNLIMITED, FindSearchContactUuids.MAX_UNLIMITED);
    }

    /** With other caps on answers without a limit (tests lower them). */
    ContactSearchHandler(MongoOperations mongo, int maxUnlimitedContacts, int maxUnlimitedUuids) {
        this.mongo = mongo;
        this.maxUnlimitedContacts = maxUnlimitedContacts;
        this.maxUnlimitedUuids = maxUnlimitedUuids;
    }

    @QueryHandler
    public ContactPage handle(SearchContacts query) {
        // Without a limit, all matches fit unless there are too many, which is refused anyway.
        long wanted = query.limit() == null ? maxUnlimitedContacts
                : Math.min(query.offset(), Long.MAX_VALUE - query.limit()) + query.limit();
        Top<Candidate> top = new Top<>(ContactSearchMatcher.ordering(query.ordering()), wanted);
        long matched = forEachMatch(query.search(), top::offer);
        if (query.limit() == null) {
            refuseOver(maxUnlimitedContacts, matched);
        }
        List<ContactView> page = top.sorted().stream().skip(query.offset()).map(Candidate::contact).toList();
        return new ContactPage(page, matched > query.offset() + page.size());
    }

    @QueryHandler
    public Long handle(CountSearchContacts query) {
        return forEachMatch(query.search(), match -> { });
    }

    @QueryHandler
    public ContactUuids handle(FindSearchContactUuids query) {
        record Numbered(long id, String uuid) {
        }
        int wanted = query.limit() == null ? maxUnlimitedUuids : query.limit();
        Top<Numbered> top = new Top<>(Comparator.comparingLong(Numbered::id), wanted);
        long matched = forEachMatch(query.search(), match -> top.offer(new Numbered(match.id(), match.contact().uuid())));
        if (query.limit() == null) {
            refuseOver(maxUnlimitedUuids, matched);
        }
        return new ContactUuids(top.sorted().stream().map(Numbered::uuid).toList());
    }

    /** Streams the contacts that may match, passes those that do to {@code action}, and counts them. */
    private long forEachMatch(ContactSearch search, Consumer<Candidate> action) {
        Predicate<Candidate> matching = ContactSearchMatcher.matching(search, HiddenCompanies.read(mongo));
        long[] matched = {0};
        mongo.executeQuery(ContactSearchCriteria.query(search), COLLECTION, document -> {
            Candidate candidate = Candidate.of(document);
            if (matching.test(candidate)) {
                matched[0]++;
                action.accept(candidate);
            }
        });
        return matched[0];
    }

    private static void refuseOver(int max, long matched) {
        if (matched > max) {
            throw BeaconException.validation("the search matches " + matched + " contacts, more than the " + max
                    + " one answer without a limit carries; give a limit (and an offset) to page through them");
        }
    }

    /** The first {@code capacity} items offered, in {@code order}, kept in a heap whose head is the last of them. */
    private static final class Top<T> {

        private final Comparator<T> order;
        private final long capacity;
        private final PriorityQueue<T> heap;

        Top(Comparator<T> order, long capacity) {
            this.order = order;
            this.capacity = capacity;
            this.heap = new PriorityQueue<>((int) Math.min(capacity, 1_024) + 1, order.reversed());
        }

        void offer(T item) {
            if (heap.size() < capacity) {
                heap.add(item);
            } else if (order.compare(item, heap.peek()) < 0) {
                heap.poll();
                heap.add(item);
            }
        }

        List<T> sorted() {
            List<T> items = new ArrayList<>(heap);
            items.sort(order);
            return items;
        }
    }
}
