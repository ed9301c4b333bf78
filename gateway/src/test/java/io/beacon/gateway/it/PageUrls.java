package io.beacon.gateway.it;

import java.net.URI;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code next}/{@code previous} URLs of cursor pages, taken apart. */
final class PageUrls {

    private PageUrls() {
    }

    /** The {@code cursor} parameter of a {@code next}/{@code previous} URL. */
    static String cursorOf(String url) {
        List<String> cursors = queryParameters(URI.create(url)).get("cursor");
        assertThat(cursors).as("cursor of %s", url).hasSize(1);
        return cursors.get(0);
    }

    static Map<String, List<String>> queryParameters(URI uri) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
            parameters.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
