package io.beacon.gateway.channel;

/**
 * The error codes of the channel endpoint's {@code error} message ({@code data.error_code}). The
 * channel protocol has its own, coarser, upper-case vocabulary (PRODUCT.md §5); the action
 * endpoints' codes live in {@code io.beacon.common.ErrorCode}.
 */
public enum ChannelErrorCode {
    /** The message is not JSON, or not a JSON object. */
    INVALID_FORMAT,
    /** Missing or unknown {@code type}, or {@code data} of the wrong shape. */
    INVALID_REQUEST,
    /** Missing, invalid or expired token; the connection is closed with 1008 unless it was already authenticated. */
    AUTH_FAILED,
    /** The access token of an open connection expired without renewal; the connection is closed with 1008. */
    TOKEN_EXPIRED,
    /** An unknown or forbidden channel; nothing of the request was subscribed. */
    SUBSCRIPTION_FAILED,
    RATE_LIMITED,
    /** The message is over the size limit; the connection is closed with 1009. */
    MESSAGE_TOO_LARGE,
    INTERNAL_ERROR
}
