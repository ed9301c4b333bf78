package io.beacon.gateway.auth;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    private final AtomicLong nanos = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    @Test
    void failuresBeyondTheAllowanceAreRefusedEvenWithTheRightPassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt("bob@example.com", () -> false)).isFalse();
        }

        assertThatThrownBy(() -> throttle.attempt("bob@example.com", () -> true))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfterSeconds()).isBetween(1L, 60L));
    }

    @Test
    void emailsAreThrottledCaseInsensitivelyAndSeparately() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("Bob@Example.com", () -> false);
        }

        assertThatThrownBy(() -> throttle.attempt("bob@example.com", () -> true))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(throttle.attempt("carol@example.com", () -> true)).isTrue();
    }

    @Test
    void attemptsComeBackAsTheWindowRefills() {
        for (int i = 0; i < 3; i++) {
            throttle.attempt("bob@example.com", () -> false);
        }
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());

        assertThat(throttle.attempt("bob@example.com", () -> true)).isTrue();
    }

    @Test
    void successClearsEarlierFailures() {
        throttle.attempt("bob@example.com", () -> false);
        throttle.attempt("bob@example.com", () -> false);
        throttle.attempt("bob@example.com", () -> true);

        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt("bob@example.com", () -> false)).isFalse();
        }
    }
}
