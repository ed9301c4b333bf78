package io.beacon.contact.value;

import io.beacon.common.BeaconException;
import io.beacon.common.FieldValues;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every writable field of a contact, by its API name. Updates and change records name fields
 * this way; metadata fields are addressed as {@code metadata.<name>}.
 */
public enum ContactField {
    FIRST_NAME("first_name", Kind.TEXT, ContactField.MAX_TEXT),
    LAST_NAME("last_name", Kind.TEXT, ContactField.MAX_TEXT),
    EMAIL("email", Kind.TEXT, ContactField.MAX_EMAIL),
    TITLE("title", Kind.TEXT, ContactField.MAX_TEXT),
    SENIORITY("seniority", Kind.TEXT, ContactField.MAX_TEXT),
    DEPARTMENTS("departments", Kind.TEXT_LIST, ContactField.MAX_TEXT),
    EMAIL_STATUS("email_status", Kind.TEXT, ContactField.MAX_TEXT),
    WORK_DIRECT_PHONE("work_direct_phone", Kind.TEXT, ContactField.MAX_PHONE),
    HOME_PHONE("home_phone", Kind.TEXT, ContactField.MAX_PHONE),
    MOBILE_PHONE("mobile_phone", Kind.TEXT, ContactField.MAX_PHONE),
    OTHER_PHONE("other_phone", Kind.TEXT, ContactField.MAX_PHONE),
    STAGE("stage", Kind.TEXT, ContactField.MAX_TEXT),
    CITY("metadata.city", Kind.TEXT, ContactField.MAX_TEXT),
    STATE("metadata.state", Kind.TEXT, ContactField.MAX_TEXT),
    COUNTRY("metadata.country", Kind.TEXT, ContactField.MAX_TEXT),
    LINKEDIN_URL("metadata.linkedin_url", Kind.TEXT, ContactField.MAX_TEXT),
    WEBSITE("metadata.website", Kind.TEXT, ContactField.MAX_TEXT),
    FACEBOOK_URL("metadata.facebook_url", Kind.TEXT, ContactField.MAX_TEXT),
    TWITTER_URL("metadata.twitter_url", Kind.TEXT, ContactField.MAX_TEXT);

    /** Longest text value accepted in a text field (and in each list entry). */
    public static final int MAX_TEXT = 2_000;
    /** Longest e-mail address accepted (RFC 5321's path limit). */
    public static final int MAX_EMAIL = 254;
    /** Longest phone number accepted, extensions and formatting included. */
    public static final int MAX_PHONE = 64;
    /** Most entries accepted in a list field. */
    public static final int MAX_LIST = 500;

    /** One {@code @}, something on each side, a dot in the domain, no white space. */
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private static final Map<String, ContactField> BY_API_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ContactField::apiName, Function.identity()));

    private static final List<ContactField> PERSONAL =
            Arrays.stream(values()).filter(ContactField::isPersonal).toList();

    private final String apiName;
    private final Kind kind;
    private final int maxLength;

    ContactField(String apiName, Kind kind, int maxLength) {
        this.apiName = apiName;
        this.kind = kind;
        this.maxLength = maxLength;
    }

    public String apiName() {
        return apiName;
    }

    public Kind kind() {
        return kind;
    }

    /** Longest text accepted (for a list: per entry). */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Whether the field holds personal data: what identifies or reaches the person (names, e-mail, phones,
     * personal profiles). These values are encrypted in the event store with a key of their contact and
     * become unreadable, everywhere at once, when that key is destroyed ({@code erase_contact_personal_data}).
     * Title, seniority, departments, location and website describe the role, not the person, and stay.
     */
    public boolean isPersonal() {
        return switch (this) {
            case FIRST_NAME, LAST_NAME, EMAIL, WORK_DIRECT_PHONE, HOME_PHONE, MOBILE_PHONE, OTHER_PHONE,
                 LINKEDIN_URL, FACEBOOK_URL, TWITTER_URL -> true;
            default -> false;
        };
    }

    /** The personal fields ({@link #isPersonal()}), in declaration order. */
    public static List<ContactField> personal() {
        return PERSONAL;
    }

    /** Whether the field lives in {@code metadata} (its API name starts with {@code metadata.}). */
    public boolean isMetadata() {
        return apiName.startsWith("metadata.");
    }

    public static ContactField fromApiName(String apiName) {
        ContactField field = BY_API_NAME.get(apiName);
        if (field == null) {
            throw BeaconException.validation("unknown contact field: " + apiName);
        }
        return field;
    }

    /**
     * Brings a JSON-decoded value to this field's canonical Java type (String or List of String)
     * and validates it. Null clears a field (an empty list for list fields); an e-mail address is
     * trimmed, and a blank one clears the field.
     */
    public Object normalize(Object value) {
        if (value == null) {
            return kind == Kind.TEXT_LIST ? List.of() : null;
        }
        Object normalized = switch (kind) {
            case TEXT -> {
                String s = FieldValues.text(apiName, value);
                if (this == EMAIL) {
                    String trimmed = s.trim();
                    yield trimmed.isEmpty() ? null : trimmed;
                }
                yield s;
            }
            case TEXT_LIST -> FieldValues.textList(apiName, value);
        };
        validate(normalized);
        return normalized;
    }

    void validate(Object value) {
        if (value instanceof String s) {
            FieldValues.checkText(apiName, s, maxLength);
            if (this == EMAIL && !EMAIL_SHAPE.matcher(s).matches()) {
                throw BeaconException.validation("email is not a valid e-mail address");
            }
        }
        if (value instanceof List<?> list) {
            FieldValues.checkList(apiName, list, MAX_LIST, maxLength);
        }
    }

    Object get(ContactMetadata m) {
        return switch (this) {
            case CITY -> m.city();
            case STATE -> m.state();
            case COUNTRY -> m.country();
            case LINKEDIN_URL -> m.linkedinUrl();
            case WEBSITE -> m.website();
            case FACEBOOK_URL -> m.facebookUrl();
            case TWITTER_URL -> m.twitterUrl();
            default -> throw new IllegalStateException(apiName + " is not a metadata field");
        };
    }

    /** This field's value in {@code f}, in its canonical type. */
    public Object get(ContactFields f) {
        return switch (this) {
            case FIRST_NAME -> f.firstName();
            case LAST_NAME -> f.lastName();
            case EMAIL -> f.email();
            case TITLE -> f.title();
            case SENIORITY -> f.seniority();
            case DEPARTMENTS -> f.departments();
            case EMAIL_STATUS -> f.emailStatus();
            case WORK_DIRECT_PHONE -> f.workDirectPhone();
            case HOME_PHONE -> f.homePhone();
            case MOBILE_PHONE -> f.mobilePhone();
            case OTHER_PHONE -> f.otherPhone();
            case STAGE -> f.stage();
            default -> get(f.metadata());
        };
    }

    /** The JSON type of a field's values. */
    public enum Kind { TEXT, TEXT_LIST }
}
