package io.beacon.gateway.auth;

import io.beacon.common.ErrorCode;

/** The REST error shape: {@code {"error": {"code": "...", "message": "..."}}}. */
public record ErrorResponse(ErrorDetail error) {

    public static ErrorResponse of(ErrorCode code, String message) {
        return new ErrorResponse(new ErrorDetail(code.wire(), message));
    }
}
