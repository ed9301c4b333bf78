package io.beacon.gateway.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.common.BeaconException;
import io.beacon.search.query.SearchEntity;
import io.beacon.search.query.SearchHit;
import io.beacon.search.query.StreamSearch;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code stream_search} on the channel endpoint: runs a {@link StreamSearch} streaming query and sends
 * each hit as {@code search_result} as the query side finds it, then {@code search_complete}. Searches
 * run off the socket's thread, so the connection keeps answering meanwhile; those still running when
 * the connection closes are cancelled, which stops the read-model scan.
 */
final class ChannelSearches {

    private static final Logger log = LoggerFactory.getLogger(ChannelSearches.class);
    private static final Set<String> FIELDS = Set.of("query", "limit", "entity");

    private final QueryGateway queries;
    private final ChannelMessages messages;
    /** Running searches by connection id. */
    private final Map<String, Disposable.Composite> running = new ConcurrentHashMap<>();

    ChannelSearches(QueryGateway queries, ChannelMessages messages) {
        this.queries = queries;
        this.messages = messages;
    }

    /** Starts the search {@code data} describes; a malformed one is refused with {@code INVALID_REQUEST}. */
    void start(ChannelConnection connection, String requestId, JsonNode data) {
        StreamSearch search = parse(data);
        long started = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        Disposable.Composite searches = running.computeIfAbsent(connection.id(), id -> Disposables.composite());
        Disposable[] self = new Disposable[1];
        Disposable subscription = Flux.from(queries.streamingQuery(search, SearchHit.class))
                .subscribeOn(Schedulers.boundedElastic())
                .doFinally(signal -> {
                    if (self[0] != null) {
                        searches.remove(self[0]);
                    }
                })
                .subscribe(hit -> {
                    sent.incrementAndGet();
                    messages.searchResult(connection, requestId, hit);
                }, error -> {
                    log.warn("stream_search failed on {}", connection.id(), error);
                    messages.error(connection, requestId, ChannelErrorCode.INTERNAL_ERROR, "search failed", Map.of());
                }, () -> messages.searchComplete(connection, requestId, sent.get(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        self[0] = subscription;
        if (!subscription.isDisposed()) {
            searches.add(subscription);
        }
        if (!connection.session().isOpen()) {
            // Closed while starting: cancel(connection) may have run before this search was added.
            cancel(connection);
        }
    }

    /** Cancels the connection's running searches (it closed). */
    void cancel(ChannelConnection connection) {
        Disposable.Composite searches = running.remove(connection.id());
        if (searches != null) {
            searches.dispose();
        }
    }

    private static StreamSearch parse(JsonNode data) {
        List<String> unknown = new ArrayList<>();
        data.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new ChannelException(ChannelErrorCode.INVALID_REQUEST,
                    "unknown field(s) for stream_search: " + String.join(", ", unknown), Map.of("fields", unknown));
        }
        String query = text(data, "query");
        String entity = text(data, "entity");
        JsonNode limitNode = data.get("limit");
        Integer limit = null;
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.canConvertToInt() || !limitNode.isIntegralNumber()) {
                throw ChannelException.invalidRequest("limit must be an integer between 1 and " + StreamSearch.MAX_LIMIT);
            }
            limit = limitNode.intValue();
        }
        try {
            return new StreamSearch(entity == null ? null : SearchEntity.fromWire(entity), query, limit);
        } catch (BeaconException e) {
            throw ChannelException.invalidRequest(e.getMessage());
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ChannelException.invalidRequest(field + " must be a string");
        }
        return node.asText();
    }
}
