package io.beacon.gateway.upload;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import io.beacon.gateway.auth.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders failures of {@link UploadController} as {@code {"error": {"code", "message"}}}. */
@RestControllerAdvice(assignableTypes = UploadController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UploadErrorHandler.class);

    @ExceptionHandler(BeaconException.class)
    ResponseEntity<ErrorResponse> beacon(BeaconException e) {
        HttpStatus status = switch (e.code()) {
            case VALIDATION_ERROR, MISSING_FIELD, INVALID_JSON -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED, TOKEN_EXPIRED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.error("upload request failed", e);
        }
        ErrorCode code = e.code() == ErrorCode.TOKEN_EXPIRED ? ErrorCode.UNAUTHORIZED : e.code();
        return response.body(ErrorResponse.of(code, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        log.error("upload request failed", e);
        return ResponseEntity.internalServerError().body(ErrorResponse.of(ErrorCode.INTERNAL_ERROR, "internal error"));
    }
}
