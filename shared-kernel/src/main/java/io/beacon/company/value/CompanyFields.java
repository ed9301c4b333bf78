package io.beacon.company.value;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beacon.common.FieldValues;

import java.util.List;

/**
 * The descriptive state of a company, as given by its writers. Lists are never null (empty when
 * absent) so that "no industries" has one representation; metadata is never null either.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompanyFields(String name, Long employeesCount, Long annualRevenue, Long totalFunding,
                            List<String> industries, List<String> keywords, List<String> technologies,
                            String address, String textSearch, CompanyMetadata metadata) {

    public static final CompanyFields EMPTY =
            new CompanyFields(null, null, null, null, List.of(), List.of(), List.of(), null, null, CompanyMetadata.EMPTY);

    public CompanyFields {
        industries = FieldValues.orEmpty(industries);
        keywords = FieldValues.orEmpty(keywords);
        technologies = FieldValues.orEmpty(technologies);
        metadata = metadata == null ? CompanyMetadata.EMPTY : metadata;
        CompanyField.NAME.validate(name);
        CompanyField.EMPLOYEES_COUNT.validate(employeesCount);
        CompanyField.ANNUAL_REVENUE.validate(annualRevenue);
        CompanyField.TOTAL_FUNDING.validate(totalFunding);
        CompanyField.INDUSTRIES.validate(industries);
        CompanyField.KEYWORDS.validate(keywords);
        CompanyField.TECHNOLOGIES.validate(technologies);
        CompanyField.ADDRESS.validate(address);
        CompanyField.TEXT_SEARCH.validate(textSearch);
        for (CompanyField field : CompanyField.values()) {
            if (field.apiName().startsWith("metadata.")) {
                field.validate(field.ofMetadata(metadata));
            }
        }
    }

    /** The same fields with one of them replaced. */
    public CompanyFields with(CompanyField field, Object value) {
        return field.set(this, value);
    }
}
