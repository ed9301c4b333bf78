package io.beacon.gateway.feed;

/**
 * Receives the events of one subscribed channel, in offset order, each once. Called from the feed's
 * threads: implementations must not block for long (hand the event to the session's send queue).
 */
@FunctionalInterface
public interface FeedListener {

    void onEvent(String channel, FeedEvent event);

    /**
     * The subscription fell too far behind (its queue of undelivered events filled up) and was
     * cancelled; the client should be told, or disconnected, and may resume with {@code since}.
     */
    default void onCutOff(String channel) {
    }
}
