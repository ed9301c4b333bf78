package io.beacon.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bench mains' command line: {@code --name=value} arguments, in the order given. */
final class BenchArgs {

    private BenchArgs() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return given;
    }

    /** The companies action endpoint of a Beacon reached at {@code baseUrl} (http or https). */
    static String companiesWsUrl(String baseUrl) {
        return baseUrl.replaceFirst("^http", "ws") + "/api/v1/companies/ws";
    }
}
