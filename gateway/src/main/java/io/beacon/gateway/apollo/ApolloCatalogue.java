package io.beacon.gateway.apollo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What Beacon knows about Apollo people-search URL parameters, read once from
 * {@value #RESOURCE}: the ordered categories, each parameter's category, description and either the
 * mapping key the contact search applies or the reason it cannot be applied, the industry tag ids,
 * the department slugs and the {@code sortByField} values. A file that breaks any rule fails
 * start-up with a message naming the rule.
 */
public final class ApolloCatalogue {

    static final String RESOURCE = "apollo/catalogue.json";
    static final String OTHER = "Other";
    static final String UNKNOWN_DESCRIPTION = "Unknown parameter";
    static final String UNKNOWN_REASON = "Unknown parameter (no mapping defined)";

    /** The mapping keys the URL-to-search mapper understands. */
    public static final Set<String> MAPPING_KEYS = Set.of(
            "titles", "exclude_titles", "seniorities", "departments", "contact_locations",
            "exclude_contact_locations", "email_statuses", "person_name",
            "employee_ranges", "industry_ids", "exclude_industry_ids", "industries", "keywords_any", "keywords_all",
            "exclude_keywords", "technologies", "exclude_technologies", "revenue_min", "revenue_max",
            "company_locations", "exclude_company_locations", "domains",
            "keywords",
            "page", "sort_field", "sort_ascending");

    /** The fields Beacon's contact search can order by. */
    public static final Set<String> BEACON_SORT_FIELDS = Set.of("id", "uuid", "first_name", "last_name", "email",
            "title", "seniority", "email_status", "city", "state", "country", "created_at", "updated_at",
            "company_name", "company_employees_count", "company_annual_revenue");

    // Duplicate keys would otherwise let a later industry id silently replace an earlier one.
    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern INDUSTRY_ID = Pattern.compile("[0-9a-f]{24}");

    private final List<String> categories;
    private final Map<String, Parameter> parameters;
    private final Map<String, String> industries;
    private final Map<String, String> departments;
    private final Map<String, SortField> sortFields;

    private ApolloCatalogue(List<String> categories, Map<String, Parameter> parameters, Map<String, String> industries,
                            Map<String, String> departments, Map<String, SortField> sortFields) {
        this.categories = List.copyOf(categories);
        this.parameters = Collections.unmodifiableMap(parameters);
        this.industries = Map.copyOf(industries);
        this.departments = Map.copyOf(departments);
        this.sortFields = Map.copyOf(sortFields);
    }

    /** Reads and checks {@value #RESOURCE} from the class path. */
    public static ApolloCatalogue load() {
        try (InputStream in = ApolloCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Apollo catalogue " + RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Apollo catalogue " + RESOURCE + " cannot be read", e);
        }
    }

    /** Checks a catalogue given as JSON text; fails with every rule the text breaks. */
    static ApolloCatalogue parse(String json) {
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Apollo catalogue " + RESOURCE + " is not valid JSON: " + e.getOriginalMessage());
        }
        return new Reader(root).read();
    }

    /** The categories, in the order responses list them; {@value #OTHER} is one of them. */
    public List<String> categories() {
        return categories;
    }

    /** Every known parameter, in catalogue order. */
    public List<Parameter> parameters() {
        return List.copyOf(parameters.values());
    }

    public Optional<Parameter> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The catalogue entry of {@code name}, or an unmapped "Unknown parameter" of category {@value #OTHER}. */
    public Parameter describe(String name) {
        Parameter known = parameters.get(name);
        return known != null ? known : new Parameter(name, OTHER, UNKNOWN_DESCRIPTION, null, UNKNOWN_REASON);
    }

    /** The lower-case industry name of an Apollo industry tag id (the id in any letter case). */
    public Optional<String> industryName(String tagId) {
        return tagId == null ? Optional.empty() : Optional.ofNullable(industries.get(tagId.toLowerCase(Locale.ROOT)));
    }

    /** Every industry tag id (lower case) with its name. */
    public Map<String, String> industries() {
        return industries;
    }

    /** The readable name of a department or sub-department slug such as {@code master_sales}. */
    public Optional<String> departmentName(String slug) {
        return Optional.ofNullable(slug == null ? null : departments.get(slug));
    }

    /** What an Apollo {@code sortByField} value orders by in Beacon, or why it cannot. */
    public Optional<SortField> sortField(String apolloField) {
        return Optional.ofNullable(apolloField == null ? null : sortFields.get(apolloField));
    }

    /**
     * One Apollo URL parameter.
     *
     * @param mapping        the mapping key the contact search applies, or null if unmapped
     * @param unmappedReason why Beacon cannot apply the parameter, or null if mapped
     */
    public record Parameter(String name, String category, String description, String mapping, String unmappedReason) {

        public boolean isMapped() {
            return mapping != null;
        }
    }

    /**
     * What an Apollo sort field becomes: a Beacon sort field, or the reason there is none.
     *
     * @param beaconField one of {@link #BEACON_SORT_FIELDS}, or null
     * @param reason      why Beacon cannot order this way, or null
     */
    public record SortField(String beaconField, String reason) {
    }

    /** Reads the JSON tree, collecting every rule the file breaks. */
    private static final class Reader {

        private final JsonNode root;
        private final List<String> problems = new ArrayList<>();

        Reader(JsonNode root) {
            this.root = root;
        }

        ApolloCatalogue read() {
            if (root == null || !root.isObject()) {
                throw invalid(List.of("the file must hold a JSON object"));
            }
            List<String> categories = categories();
            Map<String, Parameter> parameters = parameters(new LinkedHashSet<>(categories));
            Map<String, String> industries = industries();
            Map<String, String> departments = texts("departments");
            Map<String, SortField> sortFields = sortFields();
            if (!problems.isEmpty()) {
                throw invalid(problems);
            }
            return new ApolloCatalogue(categories, parameters, industries, departments, sortFields);
        }

        private List<String> categories() {
            List<String> categories = new ArrayList<>();
            JsonNode node = root.path("categories");
            if (!node.isArray() || node.isEmpty()) {
                problems.add("\"categories\" must be a non-empty array of names");
                return categories;
            }
            for (JsonNode category : node) {
                String name = category.isTextual() ? category.asText() : null;
                if (name == null || name.isBlank()) {
                    problems.add("every category must be a non-blank string, found " + category);
                } else if (categories.contains(name)) {
                    problems.add("category \"" + name + "\" is listed twice");
                } else {
                    categories.add(name);
                }
            }
            if (!categories.contains(OTHER)) {
                problems.add("the categories must include \"" + OTHER + "\", where unknown parameters go");
            }
            return categories;
        }

        private Map<String, Parameter> parameters(Set<String> categories) {
            Map<String, Parameter> parameters = new LinkedHashMap<>();
            JsonNode node = root.path("parameters");
            if (!node.isArray()) {
                problems.add("\"parameters\" must be an array");
                return parameters;
            }
            for (JsonNode entry : node) {
                String name = text(entry, "name");
                String where = "parameter " + (name == null ? entry.toString() : "\"" + name + "\"");
                String category = text(entry, "category");
                String description = text(entry, "description");
                String mapping = text(entry, "mapping");
                String reason = text(entry, "unmapped_reason");
                int problemsBefore = problems.size();
                if (name == null || name.isBlank()) {
                    problems.add(where + ": \"name\" must be a non-blank string");
                } else if (parameters.containsKey(name)) {
                    problems.add(where + " is defined twice");
                }
                if (category == null || !categories.contains(category)) {
                    problems.add(where + ": category " + category + " is not one of \"categories\"");
                }
                if (description == null || description.isBlank()) {
                    problems.add(where + ": \"description\" must be a non-blank string");
                }
                if ((mapping == null) == (reason == null || reason.isBlank())) {
                    problems.add(where + ": needs exactly one of \"mapping\" and a non-blank \"unmapped_reason\"");
                } else if (mapping != null && !MAPPING_KEYS.contains(mapping)) {
                    problems.add(where + ": mapping \"" + mapping + "\" is not one of " + new TreeSet<>(MAPPING_KEYS));
                }
                entry.fieldNames().forEachRemaining(field -> {
                    if (!Set.of("name", "category", "description", "mapping", "unmapped_reason").contains(field)) {
                        problems.add(where + ": unknown field \"" + field + "\"");
                    }
                });
                if (problems.size() == problemsBefore) {
                    parameters.put(name, new Parameter(name, category, description, mapping, reason));
                }
            }
            if (parameters.isEmpty() && node.isEmpty()) {
                problems.add("\"parameters\" must not be empty");
            }
            return parameters;
        }

        private Map<String, String> industries() {
            Map<String, String> industries = texts("industries");
            Map<String, String> lowerCase = new HashMap<>();
            industries.forEach((id, name) -> {
                if (!INDUSTRY_ID.matcher(id.toLowerCase(Locale.ROOT)).matches()) {
                    problems.add("industry id \"" + id + "\" is not 24 hexadecimal characters");
                } else if (lowerCase.put(id.toLowerCase(Locale.ROOT), name) != null) {
                    problems.add("industry id \"" + id + "\" is listed twice");
                }
            });
            return lowerCase;
        }

        private Map<String, SortField> sortFields() {
            Map<String, SortField> sortFields = new HashMap<>();
            JsonNode node = root.path("sort_fields");
            if (!node.isObject()) {
                problems.add("\"sort_fields\" must be an object of Apollo field -> {beacon_field | reason}");
                return sortFields;
            }
            node.fields().forEachRemaining(entry -> {
                String field = text(entry.getValue(), "beacon_field");
                String reason = text(entry.getValue(), "reason");
                String where = "sort field \"" + entry.getKey() + "\"";
                if (entry.getValue().size() != 1 || (field == null) == (reason == null || reason.isBlank())) {
                    problems.add(where + ": needs exactly one of \"beacon_field\" and a non-blank \"reason\"");
                } else if (field != null && !BEACON_SORT_FIELDS.contains(field)) {
                    problems.add(where + ": \"" + field + "\" is not a Beacon sort field " + new TreeSet<>(BEACON_SORT_FIELDS));
                } else {
                    sortFields.put(entry.getKey(), new SortField(field, reason));
                }
            });
            return sortFields;
        }

        private Map<String, String> texts(String member) {
            Map<String, String> texts = new LinkedHashMap<>();
            JsonNode node = root.path(member);
            if (!node.isObject() || node.isEmpty()) {
                problems.add("\"" + member + "\" must be a non-empty object of strings");
                return texts;
            }
            node.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                    problems.add(member + " \"" + entry.getKey() + "\" must name a non-blank string");
                } else {
                    texts.put(entry.getKey(), entry.getValue().asText());
                }
            });
            return texts;
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value != null && value.isTextual() ? value.asText() : null;
        }

        private static IllegalStateException invalid(List<String> problems) {
            return new IllegalStateException("Apollo catalogue " + RESOURCE + " is invalid: " + String.join("; ", problems));
        }
    }
}
