package io.beacon.gateway.company;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.company.command.CreateCompany;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.CompanyId;
import io.beacon.gateway.write.WriteRequests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the company fields of a create or update request into API-named values
 * ({@code metadata.city} for metadata), keeping explicit nulls so an update can clear a field.
 */
public final class CompanyWriteValues {

    public static final Set<String> FIELDS = Set.of("name", "employees_count", "annual_revenue", "total_funding",
            "industries", "keywords", "technologies", "address", "text_search", "metadata");
    private static final Set<String> METADATA_FIELDS = Set.of("city", "state", "country", "phone_number", "website",
            "linkedin_url", "facebook_url", "twitter_url");

    private CompanyWriteValues() {
    }

    /**
     * The command creating company {@code id} from {@code data} (the fields of {@code create_company});
     * validation errors are thrown. Unknown fields are the caller's to refuse.
     */
    public static CreateCompany createCommand(CompanyId id, ObjectNode data) {
        CompanyFields fields = CompanyFields.EMPTY;
        for (Map.Entry<String, Object> value : read(data).entrySet()) {
            fields = fields.with(CompanyField.fromApiName(value.getKey()), value.getValue());
        }
        return new CreateCompany(id, fields);
    }

    static Map<String, Object> read(ObjectNode data) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : FIELDS) {
            if (!data.has(name)) {
                continue;
            }
            JsonNode node = data.get(name);
            if (name.equals("metadata")) {
                WriteRequests.readMetadata(node, METADATA_FIELDS, values, CompanyWriteValues::normalized);
            } else {
                values.put(name, normalized(name, node));
            }
        }
        return values;
    }

    private static Object normalized(String name, JsonNode node) {
        return CompanyField.fromApiName(name).normalize(WriteRequests.plain(name, node, true));
    }
}
