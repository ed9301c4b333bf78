package io.beacon.gateway.apollo;

import io.beacon.common.BeaconException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Apollo people-search URL taken apart. Apollo routes in the fragment
 * ({@code https://app.apollo.io/#/people?personTitles[]=CEO}), so the query that matters is the one
 * after the {@code '?'} that follows {@code '#'}; without a {@code '#'} it is the ordinary query.
 *
 * @param url         the URL as given, without surrounding blanks
 * @param baseUrl     {@code scheme://host[:port]}, scheme and host in lower case
 * @param hashPath    the fragment up to its {@code '?'}, or null without a {@code '#'}
 * @param queryString the raw (still encoded) query, or null if there is none
 * @param parameters  the decoded parameters in URL order; a repeated name collects its values in order
 */
public record ApolloUrl(String url, String baseUrl, String hashPath, String queryString,
                        Map<String, List<String>> parameters) {

    public static final int MAX_URL_LENGTH = 8192;
    public static final int MAX_PARAMETER_VALUES = 1000;
    public static final int MAX_NAME_OR_VALUE_LENGTH = 500;

    private static final String APOLLO_DOMAIN = "apollo.io";
    private static final Pattern SCHEME = Pattern.compile("(https?)://", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST_CHARACTERS = Pattern.compile("[A-Za-z0-9.-]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public ApolloUrl {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        }
        parameters = Collections.unmodifiableMap(copy);
    }

    public boolean hasQueryParameters() {
        return !parameters.isEmpty();
    }

    /**
     * Parses an Apollo URL. Fails with {@code validation_error} — and nothing else, whatever the
     * input — unless it is an absolute http(s) URL of {@code apollo.io} or one of its subdomains
     * within the size limits, with well-formed percent-encoding.
     */
    public static ApolloUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw BeaconException.validation("url must not be blank");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw BeaconException.validation("url is longer than " + MAX_URL_LENGTH + " characters");
        }
        String text = url.strip();
        checkCharacters(text);
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.lookingAt()) {
            throw BeaconException.validation("url must be an absolute http or https URL");
        }
        int authorityEnd = indexOfAny(text, "/?#", scheme.end());
        String baseUrl = scheme.group(1).toLowerCase(Locale.ROOT) + "://"
                + apolloAuthority(text.substring(scheme.end(), authorityEnd));

        String rest = text.substring(authorityEnd);
        int hash = rest.indexOf('#');
        String hashPath = null;
        String query;
        if (hash >= 0) {
            String fragment = rest.substring(hash + 1);
            int question = fragment.indexOf('?');
            hashPath = question >= 0 ? fragment.substring(0, question) : fragment;
            query = question >= 0 ? fragment.substring(question + 1) : null;
        } else {
            int question = rest.indexOf('?');
            query = question >= 0 ? rest.substring(question + 1) : null;
        }
        if (query != null && query.isEmpty()) {
            query = null;
        }
        return new ApolloUrl(text, baseUrl, hashPath, query, parameters(query));
    }

    private static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw BeaconException.validation("url must not contain spaces or control characters; encode them");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw BeaconException.validation("url is not valid Unicode text");
            }
        }
    }

    /** {@code host[:port]} in lower case, if the host is apollo.io or a subdomain of it. */
    private static String apolloAuthority(String authority) {
        if (authority.isEmpty()) {
            throw BeaconException.validation("url has no host");
        }
        if (authority.indexOf('@') >= 0) {
            throw BeaconException.validation("url must not contain user information (user@host)");
        }
        String host = authority;
        String port = null;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.startsWith("[")) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
                throw BeaconException.validation("url has an invalid port");
            }
        }
        if (!HOST_CHARACTERS.matcher(host).matches() || !isApolloHost(host.toLowerCase(Locale.ROOT))) {
            throw BeaconException.validation("url host must be " + APOLLO_DOMAIN + " or a subdomain of it");
        }
        // A fully qualified name's trailing dot names the same host: accepted, and dropped.
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return port == null ? name : name + ":" + port;
    }

    private static boolean isApolloHost(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > 253 || !(name.equals(APOLLO_DOMAIN) || name.endsWith("." + APOLLO_DOMAIN))) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null) {
            return parameters;
        }
        int values = 0;
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++values > MAX_PARAMETER_VALUES) {
                throw BeaconException.validation("url has more than " + MAX_PARAMETER_VALUES + " parameter values");
            }
            int equals = pair.indexOf('=');
            String name = decode(equals >= 0 ? pair.substring(0, equals) : pair);
            String value = equals >= 0 ? decode(pair.substring(equals + 1)) : "";
            if (name.isEmpty()) {
                throw BeaconException.validation("url has a parameter without a name");
            }
            if (name.length() > MAX_NAME_OR_VALUE_LENGTH) {
                throw BeaconException.validation("url has a parameter name longer than "
                        + MAX_NAME_OR_VALUE_LENGTH + " characters");
            }
            if (value.length() > MAX_NAME_OR_VALUE_LENGTH) {
                throw BeaconException.validation("a value of parameter " + shown(name) + " is longer than "
                        + MAX_NAME_OR_VALUE_LENGTH + " characters");
            }
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** Form decoding: {@code '+'} is a space, {@code %XX} sequences are UTF-8 bytes. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() / 3 + 1);
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c == '+' ? ' ' : c);
                i++;
                continue;
            }
            bytes.clear();
            while (i < raw.length() && raw.charAt(i) == '%') {
                int high = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int low = i + 2 < raw.length() ? hex(raw.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw BeaconException.validation("url has a malformed percent-encoding: "
                            + shown(raw.substring(i, Math.min(raw.length(), i + 3))));
                }
                bytes.put((byte) (high << 4 | low));
                i += 3;
            }
            bytes.flip();
            out.append(utf8(bytes));
        }
        return out.toString();
    }

    private static CharBuffer utf8(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            throw BeaconException.validation("url has percent-encoded bytes that are not UTF-8");
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int indexOfAny(String text, String characters, int from) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** A name for an error message: quoted, and cut short so a message never echoes a huge input. */
    private static String shown(String name) {
        return "'" + (name.length() > 60 ? name.substring(0, 60) + "…" : name) + "'";
    }
}
