package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders failures of {@link AuthController} as {@code {"error": {"code", "message"}}}. Scoped to
 * that controller so it cannot change how other packages' endpoints answer.
 */
@RestControllerAdvice(assignableTypes = AuthController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(AuthErrorHandler.class);

    @ExceptionHandler(LoginThrottledException.class)
    ResponseEntity<ErrorResponse> throttled(LoginThrottledException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ErrorResponse.of(ErrorCode.RATE_LIMITED, e.getMessage()));
    }

    @ExceptionHandler(BeaconException.class)
    ResponseEntity<ErrorResponse> beacon(BeaconException e) {
        HttpStatus status = statusOf(e.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        // The REST contract answers 401 unauthorized for any unusable token; the message says expired.
        ErrorCode code = e.code() == ErrorCode.TOKEN_EXPIRED ? ErrorCode.UNAUTHORIZED : e.code();
        return response.body(ErrorResponse.of(code, e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorResponse> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .body(ErrorResponse.of(ErrorCode.VALIDATION_ERROR, "the request body must be a JSON object"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorResponse> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ErrorResponse.of(ErrorCode.VALIDATION_ERROR, "send the body as application/json"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        log.error("auth request failed", e);
        return ResponseEntity.internalServerError()
                .body(ErrorResponse.of(ErrorCode.INTERNAL_ERROR, "internal error"));
    }

    static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_ERROR, MISSING_FIELD, INVALID_JSON -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED, TOKEN_EXPIRED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
