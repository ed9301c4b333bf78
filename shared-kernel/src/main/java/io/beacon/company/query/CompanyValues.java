package io.beacon.company.query;

import java.util.List;

/**
 * The answer to {@link FindCompanyValues}: each result is a {@code String}, or, for a list attribute
 * looked up whole, a {@code List<String>}.
 */
public record CompanyValues(List<Object> results) {

    public CompanyValues {
        results = List.copyOf(results);
    }
}
