package io.beacon.company;

import io.beacon.company.query.CompanyAttribute;
import io.beacon.company.value.CompanyField;
import io.beacon.company.value.CompanyFields;
import io.beacon.company.value.FieldChange;
import org.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * The attributes of one company as the value counts hold them: what was counted for it, so that the
 * next event can be counted as a difference. Lists are never null.
 */
record CountedCompany(String name, List<String> industries, List<String> keywords, List<String> technologies,
                      String city, String state, String country, String address) {

    static final CountedCompany NONE = new CountedCompany(null, List.of(), List.of(), List.of(), null, null, null, null);

    CountedCompany {
        industries = industries == null ? List.of() : List.copyOf(industries);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        technologies = technologies == null ? List.of() : List.copyOf(technologies);
    }

    static CountedCompany of(CompanyFields f) {
        return new CountedCompany(f.name(), f.industries(), f.keywords(), f.technologies(), f.metadata().city(),
                f.metadata().state(), f.metadata().country(), f.address());
    }

    /** These attributes after an update's changes (changes to other fields leave them as they are). */
    @SuppressWarnings("unchecked")
    CountedCompany with(Map<String, FieldChange> changes) {
        CountedCompany c = this;
        for (Map.Entry<String, FieldChange> change : changes.entrySet()) {
            CompanyField field = CompanyField.fromApiName(change.getKey());
            Object v = field.normalize(change.getValue().newValue());
            c = switch (field) {
                case NAME -> new CountedCompany((String) v, c.industries, c.keywords, c.technologies, c.city, c.state, c.country, c.address);
                case INDUSTRIES -> new CountedCompany(c.name, (List<String>) v, c.keywords, c.technologies, c.city, c.state, c.country, c.address);
                case KEYWORDS -> new CountedCompany(c.name, c.industries, (List<String>) v, c.technologies, c.city, c.state, c.country, c.address);
                case TECHNOLOGIES -> new CountedCompany(c.name, c.industries, c.keywords, (List<String>) v, c.city, c.state, c.country, c.address);
                case CITY -> new CountedCompany(c.name, c.industries, c.keywords, c.technologies, (String) v, c.state, c.country, c.address);
                case STATE -> new CountedCompany(c.name, c.industries, c.keywords, c.technologies, c.city, (String) v, c.country, c.address);
                case COUNTRY -> new CountedCompany(c.name, c.industries, c.keywords, c.technologies, c.city, c.state, (String) v, c.address);
                case ADDRESS -> new CountedCompany(c.name, c.industries, c.keywords, c.technologies, c.city, c.state, c.country, (String) v);
                default -> c;
            };
        }
        return c;
    }

    Object get(CompanyAttribute attribute) {
        return switch (attribute) {
            case NAME -> name;
            case INDUSTRIES -> industries;
            case KEYWORDS -> keywords;
            case TECHNOLOGIES -> technologies;
            case CITY -> city;
            case STATE -> state;
            case COUNTRY -> country;
            case ADDRESS -> address;
        };
    }

    Document appendTo(Document document) {
        return document.append("name", name).append("industries", industries).append("keywords", keywords)
                .append("technologies", technologies).append("city", city).append("state", state)
                .append("country", country).append("address", address);
    }

    static CountedCompany from(Document d) {
        return new CountedCompany(d.getString("name"), d.getList("industries", String.class),
                d.getList("keywords", String.class), d.getList("technologies", String.class), d.getString("city"),
                d.getString("state"), d.getString("country"), d.getString("address"));
    }
}
