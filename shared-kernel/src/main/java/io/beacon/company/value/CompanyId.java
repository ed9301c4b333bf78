package io.beacon.company.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beacon.common.UuidIds;

/**
 * A company's identity: a canonical, lower-case UUID string.
 */
public record CompanyId(String value) {

    public CompanyId {
        value = UuidIds.canonical(value, "company_uuid");
    }

    @JsonCreator
    public static CompanyId of(String value) {
        return new CompanyId(value);
    }

    public static CompanyId random() {
        return new CompanyId(UuidIds.random());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
