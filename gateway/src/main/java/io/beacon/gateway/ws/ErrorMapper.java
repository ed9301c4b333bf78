package io.beacon.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * Maps any failure of an action to the wire error, once for all endpoints. Client mistakes keep
 * their own message; anything unexpected is logged here and reported with the action's failure
 * code and a generic message, so no internals (or secrets) reach the client.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static WireError map(Throwable failure, String action, ErrorCode failureCode) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BeaconException e) {
                return new WireError(e.code(), e.getMessage());
            }
            if (t instanceof AggregateNotFoundException) {
                return new WireError(ErrorCode.NOT_FOUND, "not found");
            }
            // A create with a taken identifier is no ConcurrencyException in Axon 4, but the same conflict.
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return new WireError(ErrorCode.CONFLICT,
                        "the record was changed or created concurrently, or already exists");
            }
            if (t instanceof UnrecognizedPropertyException e) {
                return new WireError(ErrorCode.VALIDATION_ERROR, "unknown field: " + path(e));
            }
            if (t instanceof MismatchedInputException e && e.getTargetType() != null) {
                return new WireError(ErrorCode.VALIDATION_ERROR,
                        "invalid value for " + path(e) + ": expected " + describe(e.getTargetType()));
            }
            if (t instanceof JsonMappingException e) {
                return new WireError(ErrorCode.VALIDATION_ERROR, "invalid value for " + path(e));
            }
            if (t instanceof JsonProcessingException e) {
                return new WireError(ErrorCode.VALIDATION_ERROR, e.getOriginalMessage());
            }
        }
        log.error("Action {} failed", action, failure);
        ErrorCode code = failureCode == null ? ErrorCode.INTERNAL_ERROR : failureCode;
        return new WireError(code, "internal error while handling " + (action == null ? "the request" : action));
    }

    private static String describe(Class<?> type) {
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.getSimpleName().equals("TextList")) {
            return "a string or an array of strings";
        }
        return "a value of another type";
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "data" : path;
    }

    /** An error as sent to the client. */
    public record WireError(ErrorCode code, String message) {
    }
}
