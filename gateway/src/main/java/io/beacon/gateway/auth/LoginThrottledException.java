package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;

import java.time.Duration;

/** Too many failed logins for one email; carries how long until the next attempt is allowed. */
final class LoginThrottledException extends BeaconException {

    private final Duration retryAfter;

    LoginThrottledException(Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "too many failed logins for this email; retry in "
                + Math.max(1, ceilSeconds(retryAfter)) + " s");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    long retryAfterSeconds() {
        return Math.max(1, ceilSeconds(retryAfter));
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toNanos() + 999_999_999L) / 1_000_000_000L;
    }
}
