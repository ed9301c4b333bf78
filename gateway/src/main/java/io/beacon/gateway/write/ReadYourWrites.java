package io.beacon.gateway.write;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.common.VersionedView;
import io.beacon.gateway.store.MongoStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Holds a write's answer until the read model shows it, so every read after the answer — on any
 * connection — sees the write. Company and contact writes share it. The subscription to the
 * aggregate's updates opens before the command is sent, so an update that lands between the command
 * and the wait is not missed; a slow poll covers a projection running on another node.
 *
 * <p>The contacts projection runs in the {@code companies} processing group, so a company write that
 * this has seen is already in its contacts too (a rename shows in their {@code company.name}).
 */
@Component
public class ReadYourWrites {

    private static final Duration POLL_START = Duration.ofSeconds(1);
    private static final Duration POLL_EVERY = Duration.ofMillis(250);

    private final QueryGateway queries;
    private final MongoStore store;
    private final ExecutorService workers;
    private final Duration timeout;

    ReadYourWrites(QueryGateway queries, MongoStore store, ExecutorService actionWorkers,
                   @Value("${beacon.read-your-writes-timeout:PT30S}") Duration timeout) {
        this.queries = queries;
        this.store = store;
        this.workers = actionWorkers;
        this.timeout = timeout;
    }

    /**
     * Sends the command, waits until {@code find} (the read model's query for the one aggregate, which
     * answers an optional {@code viewType} and emits its updates) shows the version the command
     * returned (the number of events the aggregate has had after it), makes both durable, then
     * completes with the view as of that version, or empty once a deletion ({@code deletion} true) shows.
     */
    public <V extends VersionedView> CompletableFuture<Optional<V>> send(Object find, Class<V> viewType,
                                                                         boolean deletion,
                                                                         Supplier<CompletableFuture<Long>> command) {
        SubscriptionQueryResult<Optional<V>, V> subscription = queries.subscriptionQuery(
                find, ResponseTypes.optionalInstanceOf(viewType), ResponseTypes.instanceOf(viewType));
        CompletableFuture<Optional<V>> result;
        try {
            result = command.get().thenCompose(version -> {
                // The polls block on a query: on the elastic scheduler, not Reactor's few parallel threads.
                Flux<Optional<V>> polls = Flux.interval(POLL_START, POLL_EVERY, Schedulers.boundedElastic())
                        .concatMap(tick -> Mono.fromFuture(() -> queries.query(find,
                                ResponseTypes.optionalInstanceOf(viewType))));
                return Flux.merge(subscription.initialResult(), subscription.updates().map(Optional::of), polls)
                        .filter(view -> reached(view, version, deletion))
                        .next()
                        .map(view -> view.filter(v -> !v.deleted()))
                        .timeout(timeout)
                        .onErrorMap(TimeoutException.class, e -> new BeaconException(ErrorCode.INTERNAL_ERROR,
                                "the write was stored but its read model did not catch up within " + timeout))
                        .toFuture()
                        // One file commit covers the events and the read model: after a crash the
                        // acknowledged write is in both, so reads right after a restart show it.
                        .thenApplyAsync(view -> {
                            store.flush();
                            return view;
                        }, workers);
            });
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((view, failure) -> subscription.cancel());
    }

    private static boolean reached(Optional<? extends VersionedView> view, long version, boolean deletion) {
        if (deletion) {
            return view.isEmpty() || (view.get().deleted() && view.get().version() >= version);
        }
        return view.isPresent() && view.get().version() >= version;
    }
}
