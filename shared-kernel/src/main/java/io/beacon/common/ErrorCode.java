package io.beacon.common;

/**
 * Every error Beacon reports, with its wire code. The gateway maps these once to the envelope of
 * the endpoint that answered; nothing else invents error codes.
 */
public enum ErrorCode {
    MISSING_FIELD("missing_field"),
    INVALID_JSON("invalid_json"),
    VALIDATION_ERROR("validation_error"),
    UNKNOWN_ACTION("unknown_action"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not_found"),
    CONFLICT("conflict"),
    INVALID_CURSOR("invalid_cursor"),
    RATE_LIMITED("rate_limited"),
    MESSAGE_TOO_LARGE("message_too_large"),
    PAYLOAD_TOO_LARGE("payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
    TOKEN_EXPIRED("token_expired"),
    LIST_ERROR("list_error"),
    GET_ERROR("get_error"),
    COUNT_ERROR("count_error"),
    UUIDS_ERROR("uuids_error"),
    CREATE_ERROR("create_error"),
    UPDATE_ERROR("update_error"),
    DELETE_ERROR("delete_error"),
    ANALYSIS_ERROR("analysis_error"),
    SEARCH_ERROR("search_error"),
    INTERNAL_ERROR("internal_error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears on the wire. */
    public String wire() {
        return wire;
    }
}
