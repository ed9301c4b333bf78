package io.beacon.gateway.apollo;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code data} of {@code analyze} (seed 001): the URL's structure, its parameters grouped by
 * category in catalogue order with their descriptions, counts, and the raw parameters. Industry tag
 * ids are shown as industry names in the categories (an unknown id as given); the raw parameters
 * keep every value as the URL had it. Components serialize in declaration order, as in the seed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApolloAnalysis(String url, UrlStructure urlStructure, List<Category> categories, Statistics statistics,
                             Map<String, List<String>> rawParameters) {

    private static final Set<String> INDUSTRY_ID_MAPPINGS = Set.of("industry_ids", "exclude_industry_ids");

    public static ApolloAnalysis of(ApolloUrl url, ApolloCatalogue catalogue) {
        Map<String, List<ParameterValues>> byCategory = new LinkedHashMap<>();
        catalogue.categories().forEach(category -> byCategory.put(category, new ArrayList<>()));
        int totalValues = 0;
        for (Map.Entry<String, List<String>> entry : url.parameters().entrySet()) {
            ApolloCatalogue.Parameter parameter = catalogue.describe(entry.getKey());
            List<String> values = parameter.isMapped() && INDUSTRY_ID_MAPPINGS.contains(parameter.mapping())
                    ? entry.getValue().stream().map(id -> catalogue.industryName(id.strip()).orElse(id)).toList()
                    : entry.getValue();
            byCategory.get(parameter.category()).add(new ParameterValues(parameter.name(), values,
                    parameter.description(), parameter.category()));
            totalValues += entry.getValue().size();
        }
        List<Category> categories = byCategory.entrySet().stream()
                .filter(category -> !category.getValue().isEmpty())
                .map(category -> new Category(category.getKey(), category.getValue(), category.getValue().size()))
                .toList();
        Statistics statistics = new Statistics(url.parameters().size(), totalValues, categories.size(),
                categories.stream().map(Category::name).toList());
        UrlStructure structure = new UrlStructure(url.baseUrl(), url.hashPath(), url.queryString(),
                url.hasQueryParameters());
        return new ApolloAnalysis(url.url(), structure, categories, statistics, url.parameters());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UrlStructure(String baseUrl, String hashPath, String queryString, boolean hasQueryParams) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Category(String name, List<ParameterValues> parameters, int totalParameters) {

        public Category {
            parameters = List.copyOf(parameters);
        }
    }

    /** One parameter of the URL with the values to show and what the catalogue says about it. */
    public record ParameterValues(String name, List<String> values, String description, String category) {

        public ParameterValues {
            values = List.copyOf(values);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Statistics(int totalParameters, int totalParameterValues, int categoriesUsed,
                             List<String> categories) {

        public Statistics {
            categories = List.copyOf(categories);
        }
    }
}
