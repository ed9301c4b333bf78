package io.beacon.gateway.channel;

import java.util.Map;

/** A refused channel request: answered with an {@code error} message, the connection stays open. */
final class ChannelException extends RuntimeException {

    private final ChannelErrorCode code;
    private final Map<String, Object> details;

    ChannelException(ChannelErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    static ChannelException invalidRequest(String message) {
        return new ChannelException(ChannelErrorCode.INVALID_REQUEST, message, Map.of());
    }

    ChannelErrorCode code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
