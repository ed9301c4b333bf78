package io.beacon.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Throttles password guessing per email: each email has a bucket of {@code failuresAllowed} tokens
 * refilled over {@code window}. Every attempt takes a token up front and a successful one clears the
 * bucket, so parallel guesses cannot overrun the limit; with the bucket empty every attempt is
 * refused, the right password included, until tokens come back.
 */
final class LoginThrottle {

    private static final long MAX_TRACKED_EMAILS = 100_000;

    private final Cache<String, Bucket> buckets;
    private final int failuresAllowed;
    private final Duration window;
    private final TimeMeter timeMeter;

    LoginThrottle(int failuresAllowed, Duration window) {
        this(failuresAllowed, window, TimeMeter.SYSTEM_MILLISECONDS);
    }

    LoginThrottle(int failuresAllowed, Duration window, TimeMeter timeMeter) {
        if (failuresAllowed < 1) {
            throw new IllegalArgumentException("failuresAllowed must be at least 1");
        }
        this.failuresAllowed = failuresAllowed;
        this.window = window;
        this.timeMeter = timeMeter;
        // A bucket left alone for one window is full again, so forgetting it then loses nothing.
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(window)
                .maximumSize(MAX_TRACKED_EMAILS)
                .build();
    }

    /**
     * Runs {@code attempt} (true = the credentials were right) unless {@code email} is throttled.
     *
     * @throws LoginThrottledException if the failures allowed for this email are used up
     */
    boolean attempt(String email, BooleanSupplier attempt) {
        String key = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        ConsumptionProbe probe = buckets.get(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new LoginThrottledException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
        boolean succeeded = attempt.getAsBoolean();
        if (succeeded) {
            buckets.invalidate(key);
        }
        return succeeded;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failuresAllowed).refillGreedy(failuresAllowed, window))
                .withCustomTimePrecision(timeMeter)
                .build();
    }
}
