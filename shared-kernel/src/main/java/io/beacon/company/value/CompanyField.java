package io.beacon.company.value;

import io.beacon.common.BeaconException;
import io.beacon.common.FieldValues;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every writable field of a company, by its API name. Updates and change records name fields
 * this way; metadata fields are addressed as {@code metadata.<name>}.
 */
public enum CompanyField {
    NAME("name", Kind.TEXT),
    EMPLOYEES_COUNT("employees_count", Kind.INTEGER),
    ANNUAL_REVENUE("annual_revenue", Kind.INTEGER),
    TOTAL_FUNDING("total_funding", Kind.INTEGER),
    INDUSTRIES("industries", Kind.TEXT_LIST),
    KEYWORDS("keywords", Kind.TEXT_LIST),
    TECHNOLOGIES("technologies", Kind.TEXT_LIST),
    ADDRESS("address", Kind.TEXT),
    TEXT_SEARCH("text_search", Kind.TEXT),
    CITY("metadata.city", Kind.TEXT),
    STATE("metadata.state", Kind.TEXT),
    COUNTRY("metadata.country", Kind.TEXT),
    PHONE_NUMBER("metadata.phone_number", Kind.TEXT),
    WEBSITE("metadata.website", Kind.TEXT),
    LINKEDIN_URL("metadata.linkedin_url", Kind.TEXT),
    FACEBOOK_URL("metadata.facebook_url", Kind.TEXT),
    TWITTER_URL("metadata.twitter_url", Kind.TEXT);

    /** Longest text value accepted in any field. */
    public static final int MAX_TEXT = 2_000;
    /** Most entries accepted in a list field. */
    public static final int MAX_LIST = 500;

    private static final Map<String, CompanyField> BY_API_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(CompanyField::apiName, Function.identity()));

    private final String apiName;
    private final Kind kind;

    CompanyField(String apiName, Kind kind) {
        this.apiName = apiName;
        this.kind = kind;
    }

    public String apiName() {
        return apiName;
    }

    public Kind kind() {
        return kind;
    }

    public static CompanyField fromApiName(String apiName) {
        CompanyField field = BY_API_NAME.get(apiName);
        if (field == null) {
            throw BeaconException.validation("unknown company field: " + apiName);
        }
        return field;
    }

    /** Brings a JSON-decoded value to this field's canonical Java type (Long, String, List of String). */
    public Object normalize(Object value) {
        if (value == null) {
            return kind == Kind.TEXT_LIST ? List.of() : null;
        }
        Object normalized = switch (kind) {
            case TEXT -> FieldValues.text(apiName, value);
            case INTEGER -> {
                if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                    yield ((Number) value).longValue();
                }
                throw BeaconException.validation(apiName + " must be an integer");
            }
            case TEXT_LIST -> FieldValues.textList(apiName, value);
        };
        validate(normalized);
        return normalized;
    }

    void validate(Object value) {
        if (value instanceof String s) {
            FieldValues.checkText(apiName, s, MAX_TEXT);
        }
        if (value instanceof Long n && n < 0) {
            throw BeaconException.validation(apiName + " must not be negative");
        }
        if (value instanceof List<?> list) {
            FieldValues.checkList(apiName, list, MAX_LIST, MAX_TEXT);
        }
    }

    Object ofMetadata(CompanyMetadata m) {
        return switch (this) {
            case CITY -> m.city();
            case STATE -> m.state();
            case COUNTRY -> m.country();
            case PHONE_NUMBER -> m.phoneNumber();
            case WEBSITE -> m.website();
            case LINKEDIN_URL -> m.linkedinUrl();
            case FACEBOOK_URL -> m.facebookUrl();
            case TWITTER_URL -> m.twitterUrl();
            default -> throw new IllegalStateException(apiName + " is not a metadata field");
        };
    }

    public Object get(CompanyFields f) {
        return switch (this) {
            case NAME -> f.name();
            case EMPLOYEES_COUNT -> f.employeesCount();
            case ANNUAL_REVENUE -> f.annualRevenue();
            case TOTAL_FUNDING -> f.totalFunding();
            case INDUSTRIES -> f.industries();
            case KEYWORDS -> f.keywords();
            case TECHNOLOGIES -> f.technologies();
            case ADDRESS -> f.address();
            case TEXT_SEARCH -> f.textSearch();
            default -> ofMetadata(f.metadata());
        };
    }

    @SuppressWarnings("unchecked")
    CompanyFields set(CompanyFields f, Object raw) {
        Object v = normalize(raw);
        CompanyMetadata m = f.metadata();
        return switch (this) {
            case NAME -> new CompanyFields((String) v, f.employeesCount(), f.annualRevenue(), f.totalFunding(),
                    f.industries(), f.keywords(), f.technologies(), f.address(), f.textSearch(), m);
            case EMPLOYEES_COUNT -> new CompanyFields(f.name(), (Long) v, f.annualRevenue(), f.totalFunding(),
                    f.industries(), f.keywords(), f.technologies(), f.address(), f.textSearch(), m);
            case ANNUAL_REVENUE -> new CompanyFields(f.name(), f.employeesCount(), (Long) v, f.totalFunding(),
                    f.industries(), f.keywords(), f.technologies(), f.address(), f.textSearch(), m);
            case TOTAL_FUNDING -> new CompanyFields(f.name(), f.employeesCount(), f.annualRevenue(), (Long) v,
                    f.industries(), f.keywords(), f.technologies(), f.address(), f.textSearch(), m);
            case INDUSTRIES -> new CompanyFields(f.name(), f.employeesCount(), f.annualRevenue(), f.totalFunding(),
                    (List<String>) v, f.keywords(), f.technologies(), f.address(), f.textSearch(), m);
            case KEYWORDS -> new CompanyFields(f.name(), f.employeesCount(), f.annualRevenue(), f.totalFunding(),
                    f.industries(), (List<String>) v, f.technologies(), f.address(), f.textSearch(), m);
            case TECHNOLOGIES -> new CompanyFields(f.name(), f.employeesCount(), f.annualRevenue(), f.totalFunding(),
                    f.industries(), f.keywords(), (List<String>) v, f.address(), f.textSearch(), m);
            case ADDRESS -> new CompanyFields(f.name(), f.employeesCount(), f.annualRevenue(), f.totalFunding(),
                    f.industries(), f.keywords(), f.technologies(), (String) v, f.textSearch(), m);
            case TEXT_SEARCH -> new CompanyFields(f.name(), f.employeesCount(), f.annualRevenue(), f.totalFunding(),
                    f.industries(), f.keywords(), f.technologies(), f.address(), (String) v, m);
            default -> new CompanyFields(f.name(), f.employeesCount(), f.annualRevenue(), f.totalFunding(),
                    f.industries(), f.keywords(), f.technologies(), f.address(), f.textSearch(),
                    withMetadata(m, (String) v));
        };
    }

    private CompanyMetadata withMetadata(CompanyMetadata m, String v) {
        return new CompanyMetadata(
                this == CITY ? v : m.city(),
                this == STATE ? v : m.state(),
                this == COUNTRY ? v : m.country(),
                this == PHONE_NUMBER ? v : m.phoneNumber(),
                this == WEBSITE ? v : m.website(),
                this == LINKEDIN_URL ? v : m.linkedinUrl(),
                this == FACEBOOK_URL ? v : m.facebookUrl(),
                this == TWITTER_URL ? v : m.twitterUrl());
    }

    /** The JSON type of a field's values. */
    public enum Kind { TEXT, INTEGER, TEXT_LIST }
}
