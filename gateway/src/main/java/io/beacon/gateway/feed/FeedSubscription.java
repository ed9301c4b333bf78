package io.beacon.gateway.feed;

/** A listener's subscription to one channel; {@link #cancel()} stops deliveries (idempotent). */
public interface FeedSubscription {

    String channel();

    void cancel();
}
