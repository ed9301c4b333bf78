package io.beacon.common;

/**
 * A failure the client can act on: it carries the {@link ErrorCode} reported on the wire and a
 * message safe to show (never a secret, never a stack trace).
 */
public class BeaconException extends RuntimeException {

    private final ErrorCode code;

    public BeaconException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static BeaconException validation(String message) {
        return new BeaconException(ErrorCode.VALIDATION_ERROR, message);
    }

    public static BeaconException missing(String field) {
        return new BeaconException(ErrorCode.MISSING_FIELD, "Missing required field: " + field);
    }

    public static BeaconException notFound(String message) {
        return new BeaconException(ErrorCode.NOT_FOUND, message);
    }
}
