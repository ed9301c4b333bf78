package io.beacon.gateway.upload;

import io.beacon.company.value.CompanyField;
import io.beacon.contact.value.ContactField;
import io.beacon.upload.value.UploadType;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns of an upload, by type: the API names of the create action's fields (metadata as
 * {@code metadata.<key>}), {@code uuid}, and for contacts {@code company_uuid}; and how a CSV cell of each
 * is read: text, an integer, or a list whose items a {@code ;} separates.
 */
final class UploadColumns {

    enum Kind { TEXT, INTEGER, LIST }

    private static final Map<String, Kind> COMPANIES;
    private static final Map<String, Kind> CONTACTS;

    static {
        Map<String, Kind> companies = new LinkedHashMap<>();
        companies.put("uuid", Kind.TEXT);
        for (CompanyField field : CompanyField.values()) {
            companies.put(field.apiName(), switch (field.kind()) {
                case TEXT -> Kind.TEXT;
                case INTEGER -> Kind.INTEGER;
                case TEXT_LIST -> Kind.LIST;
            });
        }
        COMPANIES = Collections.unmodifiableMap(companies);
        Map<String, Kind> contacts = new LinkedHashMap<>();
        contacts.put("uuid", Kind.TEXT);
        contacts.put("company_uuid", Kind.TEXT);
        for (ContactField field : ContactField.values()) {
            contacts.put(field.apiName(), field.kind() == ContactField.Kind.TEXT_LIST ? Kind.LIST : Kind.TEXT);
        }
        CONTACTS = Collections.unmodifiableMap(contacts);
    }

    private UploadColumns() {
    }

    /** Every column of {@code type}, in a stable order, with how its cells are read. */
    static Map<String, Kind> of(UploadType type) {
        return type == UploadType.COMPANIES ? COMPANIES : CONTACTS;
    }

    /** The top-level fields an NDJSON row of {@code type} may have ({@code metadata} an object). */
    static Set<String> topLevel(UploadType type) {
        Set<String> names = new TreeSet<>();
        for (String column : of(type).keySet()) {
            names.add(column.startsWith("metadata.") ? "metadata" : column);
        }
        return names;
    }

    static String describe(UploadType type) {
        return String.join(", ", Arrays.asList(of(type).keySet().toArray(String[]::new)));
    }
}
