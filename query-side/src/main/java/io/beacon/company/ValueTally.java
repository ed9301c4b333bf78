package io.beacon.company;

import io.beacon.company.query.CompanyAttribute;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One value → count read model: an attribute, and for a list attribute whether its entries are counted
 * separately or each whole list is one value. Each tally is its own collection, so that reading one
 * attribute's values never passes over another's. A value document is
 * {@code {_id: key, v: value, s: sort key, n: companies having it, ops: recent markers}}.
 */
enum ValueTally {
    NAME(CompanyAttribute.NAME, false, "name"),
    INDUSTRY(CompanyAttribute.INDUSTRIES, true, "industry"),
    INDUSTRY_LIST(CompanyAttribute.INDUSTRIES, false, "industry_list"),
    KEYWORD(CompanyAttribute.KEYWORDS, true, "keyword"),
    KEYWORD_LIST(CompanyAttribute.KEYWORDS, false, "keyword_list"),
    TECHNOLOGY(CompanyAttribute.TECHNOLOGIES, true, "technology"),
    TECHNOLOGY_LIST(CompanyAttribute.TECHNOLOGIES, false, "technology_list"),
    CITY(CompanyAttribute.CITY, false, "city"),
    STATE(CompanyAttribute.STATE, false, "state"),
    COUNTRY(CompanyAttribute.COUNTRY, false, "country"),
    ADDRESS(CompanyAttribute.ADDRESS, false, "address");

    static final String KEY = "_id";
    static final String VALUE = "v";
    static final String SORT = "s";
    static final String COUNT = "n";
    static final String MARKERS = "ops";
    /** Joins the lower-cased entries of a list's sort key; below every printable character, so shorter lists sort first. */
    private static final String ENTRY_SEPARATOR = "\u0001";

    private final CompanyAttribute attribute;
    private final boolean separated;
    private final String collection;

    ValueTally(CompanyAttribute attribute, boolean separated, String suffix) {
        this.attribute = attribute;
        this.separated = separated;
        this.collection = "company_values_" + suffix;
    }

    static ValueTally of(CompanyAttribute attribute, boolean separated) {
        for (ValueTally tally : values()) {
            if (tally.attribute == attribute && tally.separated == (separated && attribute.isList())) {
                return tally;
            }
        }
        throw new IllegalArgumentException("no tally for " + attribute);
    }

    String collection() {
        return collection;
    }

    CompanyAttribute attribute() {
        return attribute;
    }

    /** Whether this tally's values are whole lists. */
    boolean wholeLists() {
        return attribute.isList() && !separated;
    }

    /**
     * The values one company has, by key: a non-blank text; for a list, each distinct non-blank entry
     * (separated) or the whole list when it is not empty.
     */
    Map<String, Object> valuesOf(CountedCompany company) {
        Object raw = company.get(attribute);
        Map<String, Object> values = new LinkedHashMap<>();
        if (!attribute.isList()) {
            if (raw instanceof String text && !text.isBlank()) {
                values.put(key(text), text);
            }
            return values;
        }
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) raw;
        if (separated) {
            for (String entry : list) {
                if (!entry.isBlank()) {
                    values.putIfAbsent(key(entry), entry);
                }
            }
        } else if (!list.isEmpty()) {
            values.put(key(list), list);
        }
        return values;
    }

    /** A value's identity: the text itself; for a whole list, a digest of its entries in order. */
    static String key(Object value) {
        if (value instanceof String text) {
            return text;
        }
        List<?> list = (List<?>) value;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object entry : list) {
                byte[] bytes = ((String) entry).getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so that ["a,b"] and ["a","b"] never share a digest input.
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return "list:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What values sort by: the lower-cased text; for a list, its lower-cased entries in order. */
    static String sortKey(Object value) {
        if (value instanceof String text) {
            return text.toLowerCase(Locale.ROOT);
        }
        return String.join(ENTRY_SEPARATOR, ((List<?>) value).stream()
                .map(entry -> ((String) entry).toLowerCase(Locale.ROOT)).toList());
    }
}
