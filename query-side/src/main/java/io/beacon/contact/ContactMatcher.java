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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Evaluates a {@link ContactFilter} and an ordering on contacts already read from the store. A
 * company's contacts are read through a unique index (see {@link ContactQueryHandler}), so matching
 * runs here, on at most that company's contacts; values are compared as plain text, never as patterns.
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
        if (!f.titles().isEmpty()) {
            all.add(c -> containsAny(Stream.of(c.title()), f.titles()));
        }
        if (!f.contactLocations().isEmpty()) {
            all.add(c -> containsAny(location(c), f.contactLocations()));
        }
        if (!f.excludeTitles().isEmpty()) {
            all.add(c -> !containsAny(Stream.of(c.title()), f.excludeTitles()));
        }
        if (!f.excludeContactLocations().isEmpty()) {
            all.add(c -> !containsAny(location(c), f.excludeContactLocations()));
        }
        if (!f.seniorities().isEmpty()) {
            all.add(c -> equalsAny(Stream.of(c.seniority()), f.seniorities()));
        }
        if (!f.excludeSeniorities().isEmpty()) {
            all.add(c -> !equalsAny(Stream.of(c.seniority()), f.excludeSeniorities()));
        }
        if (!f.emailStatuses().isEmpty()) {
            all.add(c -> equalsAny(Stream.of(c.emailStatus()), f.emailStatuses()));
        }
        if (!f.departments().isEmpty()) {
            all.add(c -> equalsAny(c.departments().stream(), f.departments()));
        }
        if (!f.excludeDepartments().isEmpty()) {
            all.add(c -> !equalsAny(c.departments().stream(), f.excludeDepartments()));
        }
        if (f.search() != null && !f.search().isEmpty()) {
            String needle = lower(f.search());
            all.add(c -> searchable(c).anyMatch(value -> value != null && lower(value).contains(needle)));
        }
        during(all, ContactView::createdAt, f.createdAtAfter(), f.createdAtBefore());
        during(all, ContactView::updatedAt, f.updatedAtAfter(), f.updatedAtBefore());
        return contact -> {
            for (Predicate<ContactView> predicate : all) {
                if (!predicate.test(contact)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * The ordering's keys, then the contact id so that equal keys still page stably. Text compares as
     * MongoDB compares it (binary, case-sensitive); a missing value sorts before any value.
     */
    static Comparator<ContactView> ordering(List<SortKey> ordering) {
        Comparator<ContactView> comparator = null;
        boolean byId = false;
        for (SortKey key : ordering) {
            Function<ContactView, ? extends Comparable<?>> extractor = SORT_KEYS.get(key.field());
            if (extractor == null) {
                throw BeaconException.validation("cannot order contacts by '" + key.field() + "'");
            }
            byId |= key.field().equals("id");
            Comparator<ContactView> next = by(extractor);
            next = key.descending() ? next.reversed() : next;
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        Comparator<ContactView> byNumber = Comparator.comparingLong(ContactView::id);
        if (comparator == null) {
            return byNumber;
        }
        return byId ? comparator : comparator.thenComparing(byNumber);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<ContactView> by(Function<ContactView, ? extends Comparable<?>> extractor) {
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

    private static void contains(List<Predicate<ContactView>> all, Function<ContactView, String> field, String text) {
        if (text != null && !text.isEmpty()) {
            String needle = lower(text);
            all.add(c -> {
                String value = field.apply(c);
                return value != null && lower(value).contains(needle);
            });
        }
    }

    private static boolean containsAny(Stream<String> values, List<String> needles) {
        List<String> lowered = needles.stream().map(ContactMatcher::lower).toList();
        return values.anyMatch(value -> value != null && lowered.stream().anyMatch(lower(value)::contains));
    }

    private static boolean equalsAny(Stream<String> values, List<String> wanted) {
        return values.anyMatch(value -> value != null && wanted.stream().anyMatch(value::equalsIgnoreCase));
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
