package io.beacon.gateway.ws;

import io.beacon.common.BeaconException;
import io.beacon.company.query.FindCompanies;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three pagination modes of the seeds, reduced to one position: an opaque {@code cursor}
 * (wins over the others), {@code page}/{@code page_size} (pages count from 1), or
 * {@code limit}/{@code offset}.
 */
public final class Pagination {

    public static final int DEFAULT_LIMIT = 25;
    /** The query side's largest page, checked here too so the error names the field the client sent. */
    public static final int MAX_LIMIT = FindCompanies.MAX_LIMIT;

    private Pagination() {
    }

    public static PageCursor position(String cursor, Integer page, Integer pageSize, Integer limit, Long offset,
                                      String fingerprint) {
        if (cursor != null) {
            return PageCursor.decode(cursor, fingerprint);
        }
        if (page != null || pageSize != null) {
            int size = pageSize != null ? pageSize : limit != null ? limit : DEFAULT_LIMIT;
            checkLimit("page_size", size);
            int number = page == null ? 1 : page;
            if (number < 1) {
                throw BeaconException.validation("page counts from 1");
            }
            return new PageCursor((long) (number - 1) * size, size);
        }
        int size = limit != null ? limit : DEFAULT_LIMIT;
        checkLimit("limit", size);
        long start = offset == null ? 0 : offset;
        if (start < 0) {
            throw BeaconException.validation("offset must not be negative");
        }
        return new PageCursor(start, size);
    }

    private static void checkLimit(String field, int size) {
        if (size < 1 || size > MAX_LIMIT) {
            throw BeaconException.validation(field + " must be between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * The URL of the page at {@code target}: {@code requestUrl} (its other parameters kept) or the
     * default URL, with its {@code cursor} parameter set.
     */
    public static String link(String requestUrl, String defaultUrl, PageCursor target, String fingerprint) {
        return UriComponentsBuilder.fromUriString(requestUrl != null ? requestUrl : defaultUrl)
                .replaceQueryParam("cursor", target.encode(fingerprint))
                .build()
                .toUriString();
    }

    /**
     * The data of a list answer at {@code position}: the links to the next page (null when
     * {@code hasMore} is false) and to the previous one (null on the first), then the results.
     */
    public static Map<String, Object> page(String requestUrl, String defaultUrl, PageCursor position,
                                           String fingerprint, boolean hasMore, Object results) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("next", hasMore
                ? link(requestUrl, defaultUrl, new PageCursor(position.offset() + position.limit(), position.limit()),
                fingerprint)
                : null);
        data.put("previous", position.offset() > 0
                ? link(requestUrl, defaultUrl,
                new PageCursor(Math.max(0, position.offset() - position.limit()), position.limit()), fingerprint)
                : null);
        data.put("results", results);
        return data;
    }

    /** Checks that a client-supplied request URL is an absolute http(s) URL. */
    public static void checkRequestUrl(String requestUrl) {
        if (requestUrl == null) {
            return;
        }
        try {
            URI uri = new URI(requestUrl);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null || requestUrl.length() > 2_000) {
                throw BeaconException.validation("request_url must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw BeaconException.validation("request_url must be an absolute http(s) URL");
        }
    }
}
