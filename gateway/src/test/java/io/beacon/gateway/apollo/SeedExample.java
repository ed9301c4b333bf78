package io.beacon.gateway.apollo;

/**
 * The {@code analyze} example of seed 001: its URL and the complete {@code data} Beacon answers
 * for it, in the seed's key order (the seed elides the query string and shows one category; the
 * statistics and raw parameters are the seed's own).
 */
public final class SeedExample {

    public static final String QUERY = "contactEmailStatusV2[]=verified&personLocations[]=california&personTitles[]=CEO"
            + "&organizationNumEmployeesRanges[]=11,50&page=1&sortByField=recommendations_score&sortAscending=false";

    public static final String URL = "https://app.apollo.io/#/people?" + QUERY;

    public static final String ANALYSIS = """
            {
              "url": "%s",
              "url_structure": {
                "base_url": "https://app.apollo.io",
                "hash_path": "/people",
                "query_string": "%s",
                "has_query_params": true
              },
              "categories": [
                {"name": "Pagination", "parameters": [
                  {"name": "page", "values": ["1"], "description": "Result page number", "category": "Pagination"}
                ], "total_parameters": 1},
                {"name": "Sorting", "parameters": [
                  {"name": "sortByField", "values": ["recommendations_score"],
                   "description": "Field the results are sorted by", "category": "Sorting"},
                  {"name": "sortAscending", "values": ["false"],
                   "description": "Sort direction (true = ascending)", "category": "Sorting"}
                ], "total_parameters": 2},
                {"name": "Person Filters", "parameters": [
                  {"name": "personLocations[]", "values": ["california"],
                   "description": "Person locations to include", "category": "Person Filters"},
                  {"name": "personTitles[]", "values": ["CEO"],
                   "description": "Job titles to include", "category": "Person Filters"}
                ], "total_parameters": 2},
                {"name": "Email Filters", "parameters": [
                  {"name": "contactEmailStatusV2[]", "values": ["verified"],
                   "description": "Email statuses to include", "category": "Email Filters"}
                ], "total_parameters": 1},
                {"name": "Organization Filters", "parameters": [
                  {"name": "organizationNumEmployeesRanges[]", "values": ["11,50"],
                   "description": "Company employee count ranges", "category": "Organization Filters"}
                ], "total_parameters": 1}
              ],
              "statistics": {
                "total_parameters": 7,
                "total_parameter_values": 7,
                "categories_used": 5,
                "categories": ["Pagination", "Sorting", "Person Filters", "Email Filters", "Organization Filters"]
              },
              "raw_parameters": {
                "contactEmailStatusV2[]": ["verified"],
                "personLocations[]": ["california"],
                "personTitles[]": ["CEO"],
                "organizationNumEmployeesRanges[]": ["11,50"],
                "page": ["1"],
                "sortByField": ["recommendations_score"],
                "sortAscending": ["false"]
              }
            }
            """.formatted(URL, QUERY);

    private SeedExample() {
    }
}
