package io.beacon.contact.value;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.common.FieldValues;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The descriptive state of a contact, as given by its writers. {@code departments} is never null
 * (empty when absent) and neither is {@code metadata}. The company a contact belongs to is not a
 * field: it is fixed at creation and carried by the contact's events.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContactFields(String firstName, String lastName, String email, String title, String seniority,
                            List<String> departments, String emailStatus, String workDirectPhone,
                            String homePhone, String mobilePhone, String otherPhone, String stage,
                            ContactMetadata metadata) {

    public static final ContactFields EMPTY = new ContactFields(null, null, null, null, null, List.of(), null,
            null, null, null, null, null, ContactMetadata.EMPTY);

    public ContactFields {
        departments = FieldValues.orEmpty(departments);
        metadata = metadata == null ? ContactMetadata.EMPTY : metadata;
        ContactField.FIRST_NAME.validate(firstName);
        ContactField.LAST_NAME.validate(lastName);
        ContactField.EMAIL.validate(email);
        ContactField.TITLE.validate(title);
        ContactField.SENIORITY.validate(seniority);
        ContactField.DEPARTMENTS.validate(departments);
        ContactField.EMAIL_STATUS.validate(emailStatus);
        ContactField.WORK_DIRECT_PHONE.validate(workDirectPhone);
        ContactField.HOME_PHONE.validate(homePhone);
        ContactField.MOBILE_PHONE.validate(mobilePhone);
        ContactField.OTHER_PHONE.validate(otherPhone);
        ContactField.STAGE.validate(stage);
        for (ContactField field : ContactField.values()) {
            if (field.isMetadata()) {
                field.validate(field.get(metadata));
            }
        }
    }

    /** The same fields with one of them replaced; {@code value} is normalized first. */
    public ContactFields with(ContactField field, Object value) {
        Map<ContactField, Object> values = values();
        values.put(field, field.normalize(value));
        return of(values);
    }

    /** Every field's value, by field (a fresh, mutable map). */
    public Map<ContactField, Object> values() {
        Map<ContactField, Object> values = new EnumMap<>(ContactField.class);
        for (ContactField field : ContactField.values()) {
            values.put(field, field.get(this));
        }
        return values;
    }

    /** Fields from values already in their canonical types; absent fields are empty. */
    @SuppressWarnings("unchecked")
    public static ContactFields of(Map<ContactField, ?> v) {
        return new ContactFields(
                (String) v.get(ContactField.FIRST_NAME), (String) v.get(ContactField.LAST_NAME),
                (String) v.get(ContactField.EMAIL), (String) v.get(ContactField.TITLE),
                (String) v.get(ContactField.SENIORITY), (List<String>) v.get(ContactField.DEPARTMENTS),
                (String) v.get(ContactField.EMAIL_STATUS), (String) v.get(ContactField.WORK_DIRECT_PHONE),
                (String) v.get(ContactField.HOME_PHONE), (String) v.get(ContactField.MOBILE_PHONE),
                (String) v.get(ContactField.OTHER_PHONE), (String) v.get(ContactField.STAGE),
                new ContactMetadata(
                        (String) v.get(ContactField.CITY), (String) v.get(ContactField.STATE),
                        (String) v.get(ContactField.COUNTRY), (String) v.get(ContactField.LINKEDIN_URL),
                        (String) v.get(ContactField.WEBSITE), (String) v.get(ContactField.FACEBOOK_URL),
                        (String) v.get(ContactField.TWITTER_URL)));
    }
}
