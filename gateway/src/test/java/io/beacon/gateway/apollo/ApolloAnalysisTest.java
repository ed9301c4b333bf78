package io.beacon.gateway.apollo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beacon.gateway.ws.WireJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApolloAnalysisTest {

    private static final ObjectMapper WIRE = WireJson.MAPPER;
    private static final String PEOPLE = "https://app.apollo.io/#/people?";

    private final ApolloCatalogue catalogue = ApolloCatalogue.load();

    private ApolloAnalysis analyze(String url) {
        return ApolloAnalysis.of(ApolloUrl.parse(url), catalogue);
    }

    @Test
    void theSeedExampleGivesTheSeedStatistics() {
        ApolloAnalysis.Statistics statistics = analyze(SeedExample.URL).statistics();
        assertThat(statistics.totalParameters()).isEqualTo(7);
        assertThat(statistics.totalParameterValues()).isEqualTo(7);
        assertThat(statistics.categoriesUsed()).isEqualTo(5);
        assertThat(statistics.categories())
                .containsExactly("Pagination", "Sorting", "Person Filters", "Email Filters", "Organization Filters");
    }

    @Test
    void theSeedExampleGivesTheSeedCategoriesAndRawParameters() {
        ApolloAnalysis analysis = analyze(SeedExample.URL);
        assertThat(analysis.categories()).extracting(ApolloAnalysis.Category::name)
                .containsExactly("Pagination", "Sorting", "Person Filters", "Email Filters", "Organization Filters");
        ApolloAnalysis.Category person = analysis.categories().get(2);
        assertThat(person.totalParameters()).isEqualTo(2);
        assertThat(person.parameters()).containsExactly(
                new ApolloAnalysis.ParameterValues("personLocations[]", List.of("california"),
                        "Person locations to include", "Person Filters"),
                new ApolloAnalysis.ParameterValues("personTitles[]", List.of("CEO"), "Job titles to include",
                        "Person Filters"));
        assertThat(analysis.rawParameters()).containsExactly(
                Map.entry("contactEmailStatusV2[]", List.of("verified")),
                Map.entry("personLocations[]", List.of("california")),
                Map.entry("personTitles[]", List.of("CEO")),
                Map.entry("organizationNumEmployeesRanges[]", List.of("11,50")),
                Map.entry("page", List.of("1")),
                Map.entry("sortByField", List.of("recommendations_score")),
                Map.entry("sortAscending", List.of("false")));
        assertThat(analysis.urlStructure()).isEqualTo(new ApolloAnalysis.UrlStructure("https://app.apollo.io",
                "/people", SeedExample.QUERY, true));
    }

    @Test
    void theSeedExampleSerializesToTheSeedDocumentKeyForKeyInOrder() throws Exception {
        String actual = WIRE.writeValueAsString(analyze(SeedExample.URL));
        String expected = WIRE.writeValueAsString(WIRE.readTree(SeedExample.ANALYSIS));
        // Compared as text: equal content and every object's keys in the seed's order.
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void industryTagIdsAreShownAsIndustryNamesAndKeptRawInRawParameters() {
        ApolloAnalysis analysis = analyze(PEOPLE + "organizationIndustryTagIds[]=5567cd4773696439b10b0000"
                + "&organizationIndustryTagIds[]=5567CE237369644EE5490000"
                + "&organizationIndustryTagIds[]=ffffffffffffffffffffffff"
                + "&organizationNotIndustryTagIds[]=5567e1097369641b5f810500&organizationIndustries[]=banking");
        ApolloAnalysis.Category industries = analysis.categories().get(0);
        assertThat(industries.name()).isEqualTo("Industry Filters");
        assertThat(industries.parameters()).extracting(ApolloAnalysis.ParameterValues::values).containsExactly(
                List.of("information technology & services", "banking", "ffffffffffffffffffffffff"),
                List.of("defense & space"),
                List.of("banking"));
        assertThat(analysis.rawParameters().get("organizationIndustryTagIds[]")).containsExactly(
                "5567cd4773696439b10b0000", "5567CE237369644EE5490000", "ffffffffffffffffffffffff");
        assertThat(analysis.rawParameters().get("organizationNotIndustryTagIds[]"))
                .containsExactly("5567e1097369641b5f810500");
        assertThat(analysis.statistics().totalParameterValues()).isEqualTo(5);
    }

    @Test
    void unknownParametersAreListedUnderOtherWithTheKnownOtherParameters() {
        ApolloAnalysis analysis = analyze(PEOPLE + "fooBar=1&personTitles[]=CEO&tour=true&fooBar=2&zzz");
        assertThat(analysis.categories()).extracting(ApolloAnalysis.Category::name)
                .containsExactly("Person Filters", "Other");
        ApolloAnalysis.Category other = analysis.categories().get(1);
        assertThat(other.totalParameters()).isEqualTo(3);
        assertThat(other.parameters()).containsExactly(
                new ApolloAnalysis.ParameterValues("fooBar", List.of("1", "2"), "Unknown parameter", "Other"),
                new ApolloAnalysis.ParameterValues("tour", List.of("true"), "Apollo onboarding tour flag", "Other"),
                new ApolloAnalysis.ParameterValues("zzz", List.of(""), "Unknown parameter", "Other"));
        assertThat(analysis.statistics().totalParameters()).isEqualTo(4);
        assertThat(analysis.statistics().totalParameterValues()).isEqualTo(5);
        assertThat(analysis.statistics().categoriesUsed()).isEqualTo(2);
    }

    @Test
    void categoriesFollowTheCatalogueOrderWhateverTheUrlOrder() {
        ApolloAnalysis analysis = analyze(PEOPLE + "pendo=x&qKeywords=ai&revenueRange[max]=5000000"
                + "&currentlyUsingAnyOfTechnologyUids[]=hubspot&qOrganizationSearchListId=5a205be19a57e40c095e1d5f"
                + "&organizationIndustries[]=retail&organizationLocations[]=texas&contactEmailStatus[]=verified"
                + "&personSeniorities[]=vp&sortAscending=true&page=3");
        assertThat(analysis.statistics().categories()).containsExactly("Pagination", "Sorting", "Person Filters",
                "Email Filters", "Organization Filters", "Industry Filters", "Keyword Filters", "Technology Filters",
                "Revenue & Funding Filters", "Search Lists", "Other");
        assertThat(analysis.statistics().categoriesUsed()).isEqualTo(11);
    }

    @Test
    void aUrlWithoutParametersHasEmptyCategoriesAndZeroCounts() throws Exception {
        ApolloAnalysis analysis = analyze("https://app.apollo.io/#/people");
        JsonNode json = WIRE.valueToTree(analysis);
        assertThat(json.path("url_structure").path("has_query_params").asBoolean()).isFalse();
        assertThat(json.path("url_structure").get("query_string").isNull()).isTrue();
        assertThat(json.path("url_structure").path("hash_path").asText()).isEqualTo("/people");
        assertThat(json.path("categories").isArray() && json.path("categories").isEmpty()).isTrue();
        assertThat(json.path("statistics")).isEqualTo(WIRE.readTree(
                "{\"total_parameters\":0,\"total_parameter_values\":0,\"categories_used\":0,\"categories\":[]}"));
        assertThat(json.path("raw_parameters").isObject() && json.path("raw_parameters").isEmpty()).isTrue();
    }

    @Test
    void aUrlWithoutHashHasANullHashPath() {
        ApolloAnalysis analysis = analyze("https://apollo.io/people?personTitles[]=CEO");
        assertThat(analysis.urlStructure().hashPath()).isNull();
        assertThat(analysis.urlStructure().queryString()).isEqualTo("personTitles[]=CEO");
        assertThat(analysis.statistics().categories()).containsExactly("Person Filters");
    }
}
