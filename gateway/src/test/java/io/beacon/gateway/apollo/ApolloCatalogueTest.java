package io.beacon.gateway.apollo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApolloCatalogueTest {

    /** Every parameter of apollo-parameters.md, as its table names it. */
    private static final List<String> DOCUMENTED = List.of(
            "page", "sortByField", "sortAscending",
            "personTitles[]", "personNotTitles[]", "includeSimilarTitles", "personSeniorities[]",
            "personDepartmentOrSubdepartments[]", "qPersonName", "personPastTitles[]", "personNotPastTitles[]",
            "personTotalYoeRange", "personDaysInCurrentTitleRange", "qPersonPersonaIds[]", "lookalikePersonIds[]",
            "personLocations[]", "personNotLocations[]", "personPostalCodes[]", "personPostalCodesRadius",
            "organizationLocations[]", "organizationNotLocations[]", "organizationLocationName",
            "organizationLocationRadius",
            "contactEmailStatusV2[]", "contactEmailExcludeCatchAll", "contactEmailStatus[]",
            "organizationNumEmployeesRanges[]", "organizationIds[]", "notOrganizationIds[]",
            "personPastOrganizationIds[]", "personNotPastOrganizationIds[]", "lookalikeOrganizationIds[]",
            "qOrganizationDomainsList[]", "organizationTradingStatus[]", "marketSegments[]",
            "organizationFoundedYearRange[min]", "organizationFoundedYearRange[max]",
            "organizationDepartmentOrSubdepartmentCounts", "qOrganizationJobTitles[]", "organizationJobLocations[]",
            "organizationNumJobsRange[min]", "organizationJobPostedAtRange[min]", "qOrganizationSearchListId",
            "qNotOrganizationSearchListId", "qSearchListId",
            "organizationIndustryTagIds[]", "organizationNotIndustryTagIds[]", "organizationIndustries[]",
            "organizationNaicsCodes[]", "notOrganizationNaicsCodes[]",
            "currentlyUsingAnyOfTechnologyUids[]", "currentlyNotUsingAnyOfTechnologyUids[]",
            "revenueRange[min]", "revenueRange[max]", "organizationLatestFundingStageCd[]",
            "qKeywords", "qOrganizationKeywordTags[]", "qNotOrganizationKeywordTags[]",
            "qAndedOrganizationKeywordTags[]", "includedOrganizationKeywordFields[]",
            "excludedOrganizationKeywordFields[]", "includedAndedOrganizationKeywordFields[]",
            "organizationKeywordTags[]",
            "prospectedByCurrentTeam[]", "existFields[]", "intentStrengths[]", "searchSignalIds[]", "finderViewId",
            "uniqueUrlId", "tour", "finderTableLayoutId", "pendo");

    /** The parameters Beacon applies, with the mapping key the contact search understands. */
    private static final Map<String, String> MAPPED = mapped();

    private final ApolloCatalogue catalogue = ApolloCatalogue.load();

    @Test
    void categoriesStartAsTheSeedListsThemAndEndWithOther() {
        assertThat(catalogue.categories()).containsExactly("Pagination", "Sorting", "Person Filters", "Email Filters",
                "Organization Filters", "Industry Filters", "Keyword Filters", "Technology Filters",
                "Revenue & Funding Filters", "Search Lists", "Other");
    }

    @Test
    void everyDocumentedParameterIsDescribed() {
        assertThat(DOCUMENTED).hasSize(72).doesNotHaveDuplicates();
        for (String name : DOCUMENTED) {
            ApolloCatalogue.Parameter parameter = catalogue.parameter(name).orElseThrow(
                    () -> new AssertionError(name + " is missing from the catalogue"));
            assertThat(parameter.name()).isEqualTo(name);
            assertThat(parameter.description()).as(name).isNotBlank().isNotEqualTo("Unknown parameter");
            assertThat(catalogue.categories()).as(name).contains(parameter.category());
        }
        assertThat(catalogue.parameters()).extracting(ApolloCatalogue.Parameter::name).containsAll(DOCUMENTED);
    }

    @Test
    void exactlyTheIntendedParametersAreMappedAndEveryOtherOneSaysWhyNot() {
        for (ApolloCatalogue.Parameter parameter : catalogue.parameters()) {
            if (MAPPED.containsKey(parameter.name())) {
                assertThat(parameter.mapping()).as(parameter.name()).isEqualTo(MAPPED.get(parameter.name()));
                assertThat(parameter.unmappedReason()).as(parameter.name()).isNull();
            } else {
                assertThat(parameter.mapping()).as(parameter.name()).isNull();
                assertThat(parameter.unmappedReason()).as(parameter.name()).isNotBlank();
            }
        }
        assertThat(catalogue.parameters()).filteredOn(ApolloCatalogue.Parameter::isMapped)
                .extracting(ApolloCatalogue.Parameter::name).containsExactlyInAnyOrderElementsOf(MAPPED.keySet());
        assertThat(catalogue.parameters()).extracting(ApolloCatalogue.Parameter::mapping)
                .filteredOn(mapping -> mapping != null).allMatch(ApolloCatalogue.MAPPING_KEYS::contains);
        assertThat(catalogue.parameter("organizationIds[]").orElseThrow().unmappedReason())
                .isEqualTo("Apollo organization ids have no counterpart in Beacon");
    }

    @Test
    void parametersSitInTheCategoriesTheSeedStatisticsRequire() {
        assertThat(catalogue.parameter("page").orElseThrow().category()).isEqualTo("Pagination");
        assertThat(catalogue.parameter("sortByField").orElseThrow().category()).isEqualTo("Sorting");
        assertThat(catalogue.parameter("sortAscending").orElseThrow().category()).isEqualTo("Sorting");
        assertThat(catalogue.parameter("personTitles[]").orElseThrow().category()).isEqualTo("Person Filters");
        assertThat(catalogue.parameter("personLocations[]").orElseThrow().category()).isEqualTo("Person Filters");
        assertThat(catalogue.parameter("personNotLocations[]").orElseThrow().category()).isEqualTo("Person Filters");
        assertThat(catalogue.parameter("contactEmailStatusV2[]").orElseThrow().category()).isEqualTo("Email Filters");
        assertThat(catalogue.parameter("organizationNumEmployeesRanges[]").orElseThrow().category())
                .isEqualTo("Organization Filters");
        assertThat(catalogue.parameter("personTitles[]").orElseThrow().description()).isEqualTo("Job titles to include");
    }

    @Test
    void unknownParametersAreDescribedAsOther() {
        assertThat(catalogue.parameter("noSuchThing[]")).isEmpty();
        assertThat(catalogue.describe("noSuchThing[]")).isEqualTo(new ApolloCatalogue.Parameter("noSuchThing[]",
                "Other", "Unknown parameter", null, "Unknown parameter (no mapping defined)"));
        assertThat(catalogue.describe("personTitles[]")).isEqualTo(catalogue.parameter("personTitles[]").orElseThrow());
        // Names are exact: Apollo's own spelling only.
        assertThat(catalogue.parameter("persontitles[]")).isEmpty();
    }

    @Test
    void allHundredFortyEightIndustryIdsNameTheirIndustry() {
        assertThat(catalogue.industries()).hasSize(148);
        assertThat(catalogue.industries().keySet()).allMatch(id -> id.matches("[0-9a-f]{24}"));
        assertThat(catalogue.industries().values()).doesNotHaveDuplicates()
                .allMatch(name -> name.equals(name.toLowerCase(java.util.Locale.ROOT)));
        assertThat(catalogue.industryName("5567cd4773696439b10b0000")).contains("information technology & services");
        assertThat(catalogue.industryName("5567e1097369641b5f810500")).contains("defense & space");
        assertThat(catalogue.industryName("5567ce1f7369643b78570000")).contains("accounting");
        assertThat(catalogue.industryName("5567cdd973696439a1370000")).contains("writing & editing");
        assertThat(catalogue.industryName("5567cd4d736964397e020000")).contains("internet");
        // Present in one or two sources only.
        assertThat(catalogue.industryName("55680a8273696407b61f0000")).contains("judiciary");
        assertThat(catalogue.industryName("5567ce237369644ee5490000")).contains("banking");
        assertThat(catalogue.industryName("5567cd4d7369643b78100000")).contains("wine & spirits");
        // Where the sources spell a name differently, K/G's spelling.
        assertThat(catalogue.industryName("5567cd4c73696439c9030000")).contains("electrical/electronic manufacturing");
        assertThat(catalogue.industryName("5567e1b97369641ea9690200")).contains("medical devices");
        assertThat(catalogue.industryName("5567cd4773696454303a0000")).contains("nonprofit organization management");
    }

    @Test
    void industryIdsMatchInAnyLetterCaseAndUnknownIdsHaveNoName() {
        assertThat(catalogue.industryName("5567CD4773696439B10B0000")).contains("information technology & services");
        assertThat(catalogue.industryName("5567cd4773696439b10b0001")).isEmpty();
        assertThat(catalogue.industryName("")).isEmpty();
        assertThat(catalogue.industryName(null)).isEmpty();
    }

    @Test
    void departmentSlugsHaveReadableNames() {
        Map<String, String> expected = Map.of(
                "master_engineering_technical", "Engineering",
                "master_information_technology", "Information Technology",
                "master_finance", "Finance",
                "master_sales", "Sales",
                "master_operations", "Operations",
                "master_marketing", "Marketing",
                "master_human_resources", "Human Resources",
                "master_legal", "Legal",
                "revenue_operations", "Revenue Operations",
                "inside_sales", "Inside Sales");
        expected.forEach((slug, name) -> assertThat(catalogue.departmentName(slug)).as(slug).contains(name));
        assertThat(catalogue.departmentName("sales_operations")).contains("Sales Operations");
        assertThat(catalogue.departmentName("executive")).contains("Executive");
        assertThat(catalogue.departmentName("founder")).contains("Founder");
        assertThat(catalogue.departmentName("master_astrology")).isEmpty();
    }

    @Test
    void sortFieldsNameABeaconFieldOrAReason() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("[none]", "id");
        expected.put("person_name.raw", "last_name");
        expected.put("sanitized_organization_name_unanalyzed", "company_name");
        expected.put("person_title_normalized", "title");
        expected.put("contact_name", "last_name");
        expected.put("title", "title");
        expected.put("company", "company_name");
        expected.put("employees", "company_employees_count");
        expected.put("revenue", "company_annual_revenue");
        expected.put("location", "city");
        expected.forEach((apollo, beacon) -> assertThat(catalogue.sortField(apollo))
                .as(apollo).contains(new ApolloCatalogue.SortField(beacon, null)));
        for (String reasoned : List.of("recommendations_score", "organization_linkedin_industry_tag_ids",
                "account_owner_id", "funding")) {
            ApolloCatalogue.SortField field = catalogue.sortField(reasoned).orElseThrow();
            assertThat(field.beaconField()).as(reasoned).isNull();
            assertThat(field.reason()).as(reasoned).isNotBlank();
        }
        assertThat(catalogue.sortField("shoe_size")).isEmpty();
    }

    // ---------------------------------------------------------------- a broken file fails start-up clearly

    @Test
    void theShippedTextParsesLikeTheLoadedCatalogue() {
        ApolloCatalogue parsed = ApolloCatalogue.parse(shippedText());
        assertThat(parsed.categories()).isEqualTo(catalogue.categories());
        assertThat(parsed.parameters()).isEqualTo(catalogue.parameters());
    }

    @Test
    void aDuplicateParameterNameIsRefused() {
        assertBroken(root -> parameters(root).add(parameters(root).get(0).deepCopy()),
                "parameter \"page\" is defined twice");
    }

    @Test
    void anUnknownCategoryIsRefused() {
        assertBroken(root -> ((ObjectNode) parameters(root).get(0)).put("category", "Paging"),
                "parameter \"page\": category Paging is not one of \"categories\"");
    }

    @Test
    void aParameterNeedsExactlyOneOfMappingAndReason() {
        assertBroken(root -> ((ObjectNode) parameters(root).get(0)).put("unmapped_reason", "both"),
                "parameter \"page\": needs exactly one of \"mapping\" and a non-blank \"unmapped_reason\"");
        assertBroken(root -> ((ObjectNode) parameters(root).get(0)).remove("mapping"),
                "parameter \"page\": needs exactly one of \"mapping\" and a non-blank \"unmapped_reason\"");
    }

    @Test
    void anUnknownMappingKeyIsRefused() {
        assertBroken(root -> ((ObjectNode) parameters(root).get(0)).put("mapping", "pagination"),
                "parameter \"page\": mapping \"pagination\" is not one of");
    }

    @Test
    void anIndustryIdMustBeTwentyFourHexCharacters() {
        assertBroken(root -> ((ObjectNode) root.get("industries")).put("5567cd4773696439b10b000", "short"),
                "industry id \"5567cd4773696439b10b000\" is not 24 hexadecimal characters");
        assertBroken(root -> ((ObjectNode) root.get("industries")).put("5567cd4773696439b10b000g", "not hex"),
                "is not 24 hexadecimal characters");
    }

    @Test
    void aSortFieldMustNameABeaconField() {
        assertBroken(root -> ((ObjectNode) root.get("sort_fields")).putObject("x").put("beacon_field", "shoe_size"),
                "sort field \"x\": \"shoe_size\" is not a Beacon sort field");
    }

    @Test
    void theCategoriesMustIncludeOther() {
        assertBroken(root -> {
            ArrayNode categories = (ArrayNode) root.get("categories");
            categories.remove(categories.size() - 1);
        }, "the categories must include \"Other\"");
    }

    @Test
    void aDuplicateJsonKeyIsRefused() {
        String text = shippedText().replace("\"industries\": {",
                "\"industries\": {\n    \"5567ce1f7369643b78570000\": \"not accounting\",");
        assertThatThrownBy(() -> ApolloCatalogue.parse(text)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apollo/catalogue.json is not valid JSON")
                .hasMessageContaining("5567ce1f7369643b78570000");
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> ApolloCatalogue.parse("{\"categories\": ["))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> ApolloCatalogue.parse("[]"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must hold a JSON object");
    }

    private static void assertBroken(Consumer<ObjectNode> breakIt, String expectedMessage) {
        ObjectNode root = shippedTree();
        breakIt.accept(root);
        assertThatThrownBy(() -> ApolloCatalogue.parse(root.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Apollo catalogue apollo/catalogue.json is invalid: ")
                .hasMessageContaining(expectedMessage);
    }

    private static ArrayNode parameters(ObjectNode root) {
        return (ArrayNode) root.get("parameters");
    }

    private static ObjectNode shippedTree() {
        try {
            JsonNode root = new ObjectMapper().readTree(shippedText());
            return (ObjectNode) root;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String shippedText() {
        try (InputStream in = ApolloCatalogueTest.class.getClassLoader().getResourceAsStream("apollo/catalogue.json")) {
            assertThat(in).as("apollo/catalogue.json on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> mapped() {
        Map<String, String> mapped = new LinkedHashMap<>();
        mapped.put("personTitles[]", "titles");
        mapped.put("personNotTitles[]", "exclude_titles");
        mapped.put("personSeniorities[]", "seniorities");
        mapped.put("personDepartmentOrSubdepartments[]", "departments");
        mapped.put("personLocations[]", "contact_locations");
        mapped.put("personNotLocations[]", "exclude_contact_locations");
        mapped.put("contactEmailStatusV2[]", "email_statuses");
        mapped.put("contactEmailStatus[]", "email_statuses");
        mapped.put("qPersonName", "person_name");
        mapped.put("organizationNumEmployeesRanges[]", "employee_ranges");
        mapped.put("organizationIndustryTagIds[]", "industry_ids");
        mapped.put("organizationNotIndustryTagIds[]", "exclude_industry_ids");
        mapped.put("organizationIndustries[]", "industries");
        mapped.put("qOrganizationKeywordTags[]", "keywords_any");
        mapped.put("organizationKeywordTags[]", "keywords_any");
        mapped.put("qAndedOrganizationKeywordTags[]", "keywords_all");
        mapped.put("qNotOrganizationKeywordTags[]", "exclude_keywords");
        mapped.put("currentlyUsingAnyOfTechnologyUids[]", "technologies");
        mapped.put("currentlyNotUsingAnyOfTechnologyUids[]", "exclude_technologies");
        mapped.put("revenueRange[min]", "revenue_min");
        mapped.put("revenueRange[max]", "revenue_max");
        mapped.put("organizationLocations[]", "company_locations");
        mapped.put("organizationNotLocations[]", "exclude_company_locations");
        mapped.put("qOrganizationDomainsList[]", "domains");
        mapped.put("qKeywords", "keywords");
        mapped.put("page", "page");
        mapped.put("sortByField", "sort_field");
        mapped.put("sortAscending", "sort_ascending");
        return mapped;
    }
}
