package io.beacon.gateway.auth;

/** The inside of {@link ErrorResponse}. */
public record ErrorDetail(String code, String message) {
}
