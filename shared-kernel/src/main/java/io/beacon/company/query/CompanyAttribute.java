package io.beacon.company.query;

/**
 * A company attribute whose values can be listed with their counts ({@link FindCompanyValues}).
 * List attributes can be looked up whole (one value per list) or separated (one value per entry).
 */
public enum CompanyAttribute {
    NAME(false),
    INDUSTRIES(true),
    KEYWORDS(true),
    TECHNOLOGIES(true),
    CITY(false),
    STATE(false),
    COUNTRY(false),
    ADDRESS(false);

    private final boolean list;

    CompanyAttribute(boolean list) {
        this.list = list;
    }

    /** Whether a company holds a list of values for this attribute (rather than one text). */
    public boolean isList() {
        return list;
    }
}
