package io.beacon.gateway.ws;

import io.github.bucket4j.Bucket;

import java.time.Duration;

/**
 * The per-connection message budget of every WebSocket endpoint (PRODUCT.md §7): a Bucket4j bucket
 * of {@code perMinute} tokens, refilled greedily over a minute, one token per inbound message.
 */
public final class MessageRate {

    private MessageRate() {
    }

    /** A fresh budget of {@code messages} per minute for one connection. */
    public static Bucket perMinute(int messages) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(messages).refillGreedy(messages, Duration.ofMinutes(1)))
                .build();
    }
}
