package io.beacon.common;

import java.util.Locale;

/**
 * The domain of a website or URL as Beacon compares domains: the host without scheme, credentials,
 * port, path or a leading {@code www.}, lower-cased ({@code https://www.Acme.com/about} gives
 * {@code acme.com}). Null when there is no host.
 */
public final class WebDomains {

    private WebDomains() {
    }

    public static String of(String website) {
        if (website == null) {
            return null;
        }
        String host = website.trim().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        } else if (host.startsWith("//")) {
            host = host.substring(2);
        }
        host = cut(host, '/', '?', '#');
        int credentials = host.lastIndexOf('@');
        if (credentials >= 0) {
            host = host.substring(credentials + 1);
        }
        int port = host.indexOf(':');
        if (port >= 0) {
            host = host.substring(0, port);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return host.isBlank() ? null : host;
    }

    private static String cut(String text, char... stops) {
        int end = text.length();
        for (char stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end);
    }
}
