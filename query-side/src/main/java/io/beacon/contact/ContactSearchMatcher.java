package io.beacon.contact;

import io.beacon.company.query.SortKey;
import io.beacon.contact.query.ContactCompanyCriteria;
import io.beacon.contact.query.ContactSearch;
import io.beacon.contact.query.ContactView;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Evaluates a {@link ContactSearch} and a search ordering on contacts read from the store, with what
 * each shows of its company. The contact criteria are those of {@link ContactMatcher}, except that
 * titles compare normalized ({@link TitleNormalizer}); whole values compare lower-cased, technologies
 * by their letters and digits alone, domains as {@link CompanyDomains} derives them.
 */
final class ContactSearchMatcher {

    private static final Map<String, Function<Candidate, ? extends Comparable<?>>> COMPANY_SORT_KEYS = Map.of(
            "company_name", c -> c.company().name(),
            "company_employees_count", c -> c.company().employeesCount(),
            "company_annual_revenue", c -> c.company().annualRevenue());

    private ContactSearchMatcher() {
    }

    /** What a search compares of a contact's company: the {@code company} sub-document of its document. */
    record Company(String uuid, String name, String domain, Long employeesCount, Long annualRevenue,
                   List<String> industries, List<String> keywords, List<String> technologies,
                   String city, String state, String country) {

        static Company of(Document d) {
            return new Company(d.getString("uuid"), d.getString("name"), d.getString("domain"),
                    number(d.get("employees_count")), number(d.get("annual_revenue")), strings(d, "industries"),
                    strings(d, "keywords"), strings(d, "technologies"), d.getString("city"), d.getString("state"),
                    d.getString("country"));
        }
    }

    /** A contact as read for a search. */
    record Candidate(ContactView contact, Company company) {

        static Candidate of(Document document) {
            return new Candidate(ContactDocuments.toView(document),
                    Company.of(document.get(ContactDocuments.COMPANY, Document.class)));
        }

        long id() {
            return contact.id();
        }
    }

    /**
     * The live contacts that {@code search} selects, among those of companies not in {@code hiddenCompanies}
     * (deleted companies, whose contacts the cascade has not deleted yet).
     */
    static Predicate<Candidate> matching(ContactSearch search, Set<String> hiddenCompanies) {
        List<Predicate<Candidate>> all = new ArrayList<>();
        all.add(c -> !c.contact().deleted() && !hiddenCompanies.contains(c.company().uuid()));
        Predicate<Company> company = companyMatching(search.company());
        all.add(c -> company.test(c.company()));
        Predicate<ContactView> contact = ContactMatcher.matching(search.contact(), TitleNormalizer::containingAny);
        all.add(c -> contact.test(c.contact()));
        ContactMatcher.contains(all, c -> fullName(c.contact()), search.personName());
        if (search.keywords() != null) {
            Predicate<String> containing = ContactMatcher.containingAny(List.of(search.keywords()));
            all.add(c -> keywordFields(c).anyMatch(containing));
        }
        return ContactMatcher.allOf(all);
    }

    /** The ordering's keys (contact fields and the company's name, size and revenue), then the contact id. */
    static Comparator<Candidate> ordering(List<SortKey> ordering) {
        return ContactMatcher.ordering(ordering, ContactSearchMatcher::sortKey, Candidate::id);
    }

    private static Function<Candidate, ? extends Comparable<?>> sortKey(String field) {
        Function<Candidate, ? extends Comparable<?>> companyKey = COMPANY_SORT_KEYS.get(field);
        if (companyKey != null) {
            return companyKey;
        }
        Function<ContactView, ? extends Comparable<?>> contactKey = ContactMatcher.sortKey(field);
        return contactKey == null ? null : c -> contactKey.apply(c.contact());
    }

    private static Predicate<Company> companyMatching(ContactCompanyCriteria f) {
        List<Predicate<Company>> all = new ArrayList<>();
        ContactMatcher.anyOf(all, c -> Stream.of(c.name()), f.names(), ContactMatcher::containingAny, true);
        ContactMatcher.anyOf(all, c -> Stream.of(c.name()), f.excludeNames(), ContactMatcher::containingAny, false);
        ContactMatcher.anyOf(all, c -> Stream.of(c.domain()), f.domains(), ContactSearchMatcher::domainAny, true);
        ContactMatcher.anyOf(all, c -> Stream.of(c.domain()), f.excludeDomains(), ContactSearchMatcher::domainAny, false);
        if (!f.employeeRanges().isEmpty()) {
            all.add(c -> c.employeesCount() != null
                    && f.employeeRanges().stream().anyMatch(range -> range.contains(c.employeesCount())));
        }
        ContactMatcher.anyOf(all, c -> c.industries().stream(), f.industries(), ContactMatcher::equalToAny, true);
        ContactMatcher.anyOf(all, c -> c.industries().stream(), f.excludeIndustries(), ContactMatcher::equalToAny, false);
        ContactMatcher.anyOf(all, c -> c.keywords().stream(), f.keywordsAny(), ContactMatcher::equalToAny, true);
        for (String keyword : f.keywordsAll()) {
            Predicate<String> equal = ContactMatcher.equalToAny(List.of(keyword));
            all.add(c -> c.keywords().stream().anyMatch(equal));
        }
        ContactMatcher.anyOf(all, c -> c.keywords().stream(), f.excludeKeywords(), ContactMatcher::equalToAny, false);
        ContactMatcher.anyOf(all, c -> c.technologies().stream(), f.technologies(),
                ContactSearchMatcher::technologyAny, true);
        ContactMatcher.anyOf(all, c -> c.technologies().stream(), f.excludeTechnologies(),
                ContactSearchMatcher::technologyAny, false);
        if (f.revenueMin() != null) {
            all.add(c -> c.annualRevenue() != null && c.annualRevenue() >= f.revenueMin());
        }
        if (f.revenueMax() != null) {
            all.add(c -> c.annualRevenue() != null && c.annualRevenue() <= f.revenueMax());
        }
        ContactMatcher.anyOf(all, c -> Stream.of(c.city(), c.state(), c.country()), f.locations(),
                ContactMatcher::containingAny, true);
        ContactMatcher.anyOf(all, c -> Stream.of(c.city(), c.state(), c.country()), f.excludeLocations(),
                ContactMatcher::containingAny, false);
        return ContactMatcher.allOf(all);
    }

    /**
     * Whether a stored domain (already derived by {@link CompanyDomains}) is any of the requested ones,
     * derived the same way; a value without a host ("https://") names no domain.
     */
    static Predicate<String> domainAny(List<String> requested) {
        Set<String> domains = domains(requested);
        return domain -> domain != null && domains.contains(domain);
    }

    static Set<String> domains(List<String> requested) {
        return requested.stream().map(CompanyDomains::of).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** Whether a technology is any of the requested ones, comparing lower-cased letters and digits alone. */
    static Predicate<String> technologyAny(List<String> requested) {
        Set<String> wanted = requested.stream().map(ContactSearchMatcher::technologyKey)
                .filter(key -> !key.isEmpty()).collect(Collectors.toSet());
        return technology -> technology != null && wanted.contains(technologyKey(technology));
    }

    /** {@code "Woo_Commerce"} and {@code "woocommerce"} both give {@code "woocommerce"}. */
    static String technologyKey(String technology) {
        StringBuilder key = new StringBuilder(technology.length());
        technology.codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return ContactMatcher.lower(key.toString());
    }

    /** "first last", or whichever of the two the contact has; null when it has neither. */
    static String fullName(ContactView c) {
        if (c.firstName() == null || c.lastName() == null) {
            return c.firstName() == null ? c.lastName() : c.firstName();
        }
        return c.firstName() + " " + c.lastName();
    }

    private static Stream<String> keywordFields(Candidate c) {
        ContactView contact = c.contact();
        Company company = c.company();
        return Stream.of(Stream.of(contact.firstName(), contact.lastName(), fullName(contact), contact.title(),
                        company.name()), company.industries().stream(), company.keywords().stream(),
                company.technologies().stream())
                .flatMap(Function.identity());
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static List<String> strings(Document d, String key) {
        List<String> values = d.getList(key, String.class);
        return values == null ? List.of() : values;
    }
}
