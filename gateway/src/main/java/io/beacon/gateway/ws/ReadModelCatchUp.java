package io.beacon.gateway.ws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.beacon.common.VersionedView;
import io.beacon.company.query.CompanyView;
import io.beacon.company.query.FindCompany;
import io.beacon.company.value.CompanyId;
import io.beacon.contact.query.ContactView;
import io.beacon.contact.query.FindContact;
import io.beacon.contact.value.ContactId;
import io.beacon.gateway.feed.FeedEvent;
import io.beacon.upload.query.FindUpload;
import io.beacon.upload.query.UploadView;
import io.beacon.upload.value.UploadId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the read model shows a pushed event: the entity's document at the event's version
 * (or gone, for a deletion). Live queries re-run only then, so they never answer from a read model
 * that has not seen the event yet. The projection may run on another node: this polls the store.
 * After {@code patience} it stops waiting (the next event will bring the answer up to date).
 */
@Component
class ReadModelCatchUp implements ActionSubscriptions.ReadModelWait {

    private static final long POLL_MILLIS = 25;

    private final QueryGateway queries;
    private final Duration patience;
    /**
     * One wait per event, shared by every live query it wakes: a thousand subscribers of one company
     * poll the read model once, not a thousand times.
     */
    private final Cache<Long, CompletableFuture<Void>> waits = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    ReadModelCatchUp(QueryGateway queries, @Value("${beacon.subscriptions.read-model-patience:PT10S}") Duration patience) {
        this.queries = queries;
        this.patience = patience;
    }

    @Override
    public CompletionStage<Void> until(FeedEvent event) {
        return waits.get(event.offset(), offset -> start(event).toCompletableFuture());
    }

    private CompletionStage<Void> start(FeedEvent event) {
        Object version = event.data().get("version");
        if (!(version instanceof Number wanted)) {
            return CompletableFuture.completedFuture(null);
        }
        boolean deletion = event.type().endsWith("_deleted");
        long deadline = System.nanoTime() + patience.toNanos();
        Object upload = event.data().get("upload_id");
        if (upload != null && event.data().get("company_uuid") == null) {
            // Only the version matters here: no page of errors.
            return poll(() -> view(new FindUpload(UploadId.of(upload.toString()), 0, 0), UploadView.class),
                    wanted.longValue(), false, deadline);
        }
        Object contact = event.data().get("contact_uuid");
        if (contact != null) {
            return poll(() -> view(new FindContact(ContactId.of(contact.toString())), ContactView.class),
                    wanted.longValue(), deletion, deadline);
        }
        return poll(() -> view(new FindCompany(CompanyId.of(event.data().get("company_uuid").toString())), CompanyView.class),
                wanted.longValue(), deletion, deadline);
    }

    private <V extends VersionedView> CompletableFuture<Optional<V>> view(Object query, Class<V> type) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type));
    }

    private <V extends VersionedView> CompletionStage<Void> poll(
            java.util.function.Supplier<CompletableFuture<Optional<V>>> read, long version, boolean deletion, long deadline) {
        return read.get().handle((view, failure) -> failure == null && shows(view, version, deletion))
                .thenCompose(shown -> {
                    if (shown || System.nanoTime() > deadline) {
                        return CompletableFuture.completedFuture(null);
                    }
                    Executor later = CompletableFuture.delayedExecutor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(() -> null, later)
                            .thenCompose(ignored -> poll(read, version, deletion, deadline));
                });
    }

    private static boolean shows(Optional<? extends VersionedView> view, long version, boolean deletion) {
        return deletion ? view.isEmpty() : view.isPresent() && view.get().version() >= version;
    }
}
