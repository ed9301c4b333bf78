package io.beacon.contact;

import io.beacon.common.BeaconException;
import io.beacon.company.query.SortKey;
import io.beacon.contact.query.ContactFilter;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.value.ContactMetadata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Evaluates a {@link ContactFilter} and an ordering on contacts already read from the store, for a
 * company's contacts ({@link ContactQueryHandler}) and for a search across companies
 * ({@link ContactSearchMatcher}); values are compared as plain text, never as patterns.
 */
final class ContactMatcher {

    private static final Map<String, Function<ContactView, ? extends Comparable<?>>> SORT_KEYS = Map.ofEntries(
            Map.entry("id", ContactView::id), Map.entry("uuid", ContactView::uuid),
            Map.entry("first_name", ContactView::firstName), Map.entry("last_name", ContactView::lastName),
            Map.entry("email", ContactView::email), Map.entry("title", ContactView::title),
            Map.entry("seniority", ContactView::seniority), Map.entry("email_status", ContactView::emailStatus),
            Map.entry("stage", ContactView::stage), Map.entry("city", c -> c.metadata().city()),
            Map.entry("state", c -> c.metadata().state()), Map.entry("country", c -> c.metadata().country()),
            Map.entry("created_at", ContactView::createdAt), Map.entry("updated_at", ContactView::updatedAt));

    private ContactMatcher() {
    }

    /** The contacts {@code filter} selects. */
    static Predicate<ContactView> matching(ContactFilter f) {
        return matching(f, ContactMatcher::containingAny);
    }

    /**
     * The contacts {@code filter} selects, where {@code titleMatchingAny} gives for a list of requested
     * titles whether a contact's title (maybe null) matches any of them; every other criterion as above.
     */
    static Predicate<ContactView> matching(ContactFilter f, Function<List<String>, Predicate<String>> titleMatchingAny) {
        List<Predicate<ContactView>> all = new ArrayList<>();
        contains(all, ContactView::firstName, f.firstName());
        contains(all, ContactView::lastName, f.lastName());
        contains(all, ContactView::email, f.email());
        contains(all, ContactView::workDirectPhone, f.workDirectPhone());
        contains(all, ContactView::homePhone, f.homePhone());
        contains(all, ContactView::mobilePhone, f.mobilePhone());
        contains(all, ContactView::otherPhone, f.otherPhone());
        contains(all, ContactView::stage, f.stage());
        contains(all, c -> c.metadata().city(), f.city());
        contains(all, c -> c.metadata().state(), f.state());
        contains(all, c -> c.metadata().country(), f.country());
        contains(all, c -> c.metadata().linkedinUrl(), f.linkedinUrl());
        contains(all, c -> c.metadata().website(), f.website());
        contains(all, c -> c.metadata().facebookUrl(), f.facebookUrl());
        contains(all, c -> c.metadata().twitterUrl(), f.twitterUrl());
        anyOf(all, c -> Stream.of(c.title()), f.titles(), titleMatchingAny, true);
        anyOf(all, ContactMatcher::location, f.contactLocations(), ContactMatcher::containingAny, true);
        anyOf(all, c -> Stream.of(c.title()), f.excludeTitles(), titleMatchingAny, false);
        anyOf(all, ContactMatcher::location, f.excludeContactLocations(), ContactMatcher::containingAny, false);
        anyOf(all, c -> Stream.of(c.seniority()), f.seniorities(), ContactMatcher::equalToAny, true);
        anyOf(all, c -> Stream.of(c.seniority()), f.excludeSeniorities(), ContactMatcher::equalToAny, false);
        anyOf(all, c -> Stream.of(c.emailStatus()), f.emailStatuses(), ContactMatcher::equalToAny, true);
        anyOf(all, c -> c.departments().stream(), f.departments(), ContactMatcher::equalToAny, true);
        anyOf(all, c -> c.departments().stream(), f.excludeDepartments(), ContactMatcher::equalToAny, false);
        if (f.search() != null && !f.search().isEmpty()) {
            Predicate<String> containing = containingAny(List.of(f.search()));
            all.add(c -> searchable(c).anyMatch(containing));
        }
        during(all, ContactView::createdAt, f.createdAtAfter(), f.createdAtBefore());
        during(all, ContactView::updatedAt, f.updatedAtAfter(), f.updatedAtBefore());
        return allOf(all);
    }

    /** Whether a value (maybe null) contains any of the texts, ignoring case. */
    static Predicate<String> containingAny(List<String> texts) {
        List<String> needles = texts.stream().map(ContactMatcher::lower).distinct().toList();
        return value -> {
            if (value == null) {
                return false;
            }
            String lowered = lower(value);
            return needles.stream().anyMatch(lowered::contains);
        };
    }

    /**
     * Whether a value (maybe null) is any of the wanted values, ignoring case. Both sides are compared
     * lower-cased with {@link Locale#ROOT}, the form of the stored {@code *_lc} shadows, so that a store
     * lookup on a shadow selects exactly the contacts this selects.
     */
    static Predicate<String> equalToAny(List<String> wanted) {
        Set<String> lowered = Set.copyOf(wanted.stream().map(ContactMatcher::lower).toList());
        return value -> value != null && lowered.contains(lower(value));
    }

    /** All of the predicates (true when there are none). */
    static <T> Predicate<T> allOf(List<Predicate<T>> all) {
        List<Predicate<T>> predicates = List.copyOf(all);
        return candidate -> {
            for (Predicate<T> predicate : predicates) {
                if (!predicate.test(candidate)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * Adds, for non-empty {@code values}: some value of the field matches one of them ({@code include}),
     * or none does.
     */
    static <T> void anyOf(List<Predicate<T>> all, Function<T, Stream<String>> field, List<String> values,
                          Function<List<String>, Predicate<String>> matchingAny, boolean include) {
        if (!values.isEmpty()) {
            Predicate<String> matches = matchingAny.apply(values);
            all.add(include ? c -> field.apply(c).anyMatch(matches) : c -> field.apply(c).noneMatch(matches));
        }
    }

    /**
     * The ordering's keys, then the contact id so that equal keys still page stably. Text compares as
     * MongoDB compares it (binary, case-sensitive); a missing value sorts before any value.
     */
    static Comparator<ContactView> ordering(List<SortKey> ordering) {
        return ordering(ordering, SORT_KEYS::get, ContactView::id);
    }

    /**
     * As {@link #ordering(List)}, for anything that carries a contact: {@code keys} gives a field's
     * value extractor (null for a field that cannot be ordered by), {@code id} the contact id.
     */
    static <T> Comparator<T> ordering(List<SortKey> ordering, Function<String, Function<T, ? extends Comparable<?>>> keys,
                                      ToLongFunction<T> id) {
        Comparator<T> comparator = null;
        boolean byId = false;
        for (SortKey key : ordering) {
            Function<T, ? extends Comparable<?>> extractor = keys.apply(key.field());
            if (extractor == null) {
                throw BeaconException.validation("cannot order contacts by '" + key.field() + "'");
            }
            byId |= key.field().equals("id");
            Comparator<T> next = by(extractor);
            next = key.descending() ? next.reversed() : next;
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        Comparator<T> byNumber = Comparator.comparingLong(id);
        if (comparator == null) {
            return byNumber;
        }
        return byId ? comparator : comparator.thenComparing(byNumber);
    }

    /** The value a contact is ordered by for {@code field}; null for a field that is not a contact's own. */
    static Function<ContactView, ? extends Comparable<?>> sortKey(String field) {
        return SORT_KEYS.get(field);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Comparator<T> by(Function<T, ? extends Comparable<?>> extractor) {
        return Comparator.comparing(c -> (Comparable) extractor.apply(c), Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static Stream<String> location(ContactView c) {
        ContactMetadata m = c.metadata();
        return Stream.of(m.city(), m.state(), m.country());
    }

    private static Stream<String> searchable(ContactView c) {
        ContactMetadata m = c.metadata();
        String fullName = c.firstName() != null && c.lastName() != null ? c.firstName() + " " + c.lastName() : null;
        return Stream.concat(Stream.of(c.firstName(), c.lastName(), fullName, c.email(), c.title(), c.seniority(),
                c.emailStatus(), m.city(), m.state(), m.country()), c.departments().stream());
    }

    /** Adds, for a non-empty {@code text}: the field contains it, ignoring case. */
    static <T> void contains(List<Predicate<T>> all, Function<T, String> field, String text) {
        if (text != null && !text.isEmpty()) {
            Predicate<String> containing = containingAny(List.of(text));
            all.add(c -> containing.test(field.apply(c)));
        }
    }

    private static void during(List<Predicate<ContactView>> all, Function<ContactView, Instant> field,
                               Instant after, Instant before) {
        // Stored instants are whole milliseconds: a bound within a millisecond admits only the next one.
        Instant from = after == null ? null : ceilingMillis(after);
        Instant to = before == null ? null : before.truncatedTo(ChronoUnit.MILLIS);
        if (from != null) {
            all.add(c -> !field.apply(c).isBefore(from));
        }
        if (to != null) {
            all.add(c -> !field.apply(c).isAfter(to));
        }
    }

    private static Instant ceilingMillis(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MILLIS);
        return floor.equals(instant) ? floor : floor.plusMillis(1);
    }
}
