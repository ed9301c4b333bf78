package io.beacon.gateway.store.events;

import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Tracked events, read and deserialized ahead of the processor while a stream catches up.
 *
 * <p>A processor replaying history spends its thread on two things: turning stored events into
 * payload objects, and handling them. While the reader scans (far behind the head), this runs the
 * whole upstream pipeline — reading, upcasting, deserializing the payload — for the next batch on
 * another thread while the processor handles the current one. Near the head it passes each event
 * straight through, so an event is never held back waiting for a batch to fill.
 *
 * <p>The upstream is used by one thread at a time: the caller, or the batch the caller waits for.
 */
final class ReadAhead extends Spliterators.AbstractSpliterator<TrackedEventMessage<?>> {

    private final Spliterator<TrackedEventMessage<?>> upstream;
    private final BooleanSupplier catchingUp;
    private final Executor executor;
    private final int batch;
    private final ArrayDeque<TrackedEventMessage<?>> ready = new ArrayDeque<>();
    private CompletableFuture<List<TrackedEventMessage<?>>> ahead;

    ReadAhead(Spliterator<TrackedEventMessage<?>> upstream, BooleanSupplier catchingUp, Executor executor, int batch) {
        super(Long.MAX_VALUE, ORDERED | NONNULL);
        this.upstream = upstream;
        this.catchingUp = catchingUp;
        this.executor = executor;
        this.batch = batch;
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventMessage<?>> action) {
        if (ready.isEmpty()) {
            List<TrackedEventMessage<?>> next;
            if (ahead != null) {
                next = awaitAhead();
                if (next == null) {
                    return false;
                }
            } else if (catchingUp.getAsBoolean()) {
                next = readBatch();
            } else {
                return upstream.tryAdvance(action);
            }
            ready.addAll(next);
            if (next.size() == batch && catchingUp.getAsBoolean()) {
                ahead = CompletableFuture.supplyAsync(this::readBatch, executor);
            }
            if (ready.isEmpty()) {
                return false;
            }
        }
        action.accept(ready.poll());
        return true;
    }

    /** The batch read ahead; null (and the thread's interrupt flag set) if interrupted while waiting. */
    private List<TrackedEventMessage<?>> awaitAhead() {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            // The batch stays pending: a later call takes it, so nothing read is lost.
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            ahead = null;
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (ahead != null && ahead.isDone()) {
                ahead = null;
            }
        }
    }

    private List<TrackedEventMessage<?>> readBatch() {
        List<TrackedEventMessage<?>> messages = new ArrayList<>(batch);
        while (messages.size() < batch && upstream.tryAdvance(messages::add)) {
            // reading
        }
        // Deserializing costs more than reading: the second half on another thread, while this one reads on.
        int half = messages.size() / 2;
        CompletableFuture<Void> secondHalf = half == 0 ? null
                : CompletableFuture.runAsync(() -> deserialize(messages.subList(half, messages.size())), executor);
        deserialize(messages.subList(0, half == 0 ? messages.size() : half));
        if (secondHalf != null) {
            secondHalf.join();
        }
        return messages;
    }

    private static void deserialize(List<TrackedEventMessage<?>> messages) {
        for (TrackedEventMessage<?> message : messages) {
            try {
                message.getPayload();
            } catch (RuntimeException e) {
                // Left to the processor: it gets the same failure when it asks for the payload itself.
            }
        }
    }
}
