package io.beacon.gateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Authenticates a WebSocket upgrade with an access token from {@code Authorization: Bearer <token>}
 * or {@code ?token=<token>} (the header wins if both are sent). On success the
 * {@link AccessGrant} is put into the session attributes under {@link #GRANT_ATTRIBUTE}; a missing
 * or refused token ends the handshake with HTTP 401 and a JSON error body.
 *
 * <p>Two beans are defined in {@link AuthConfiguration}:
 * <ul>
 *   <li>{@code webSocketAuthInterceptor} ({@code @Primary}, so plain injection by type gets it):
 *       a token is required. For {@code /api/v1/companies/ws} and {@code /api/v2/apollo/ws}.</li>
 *   <li>{@value #ANONYMOUS_BEAN_NAME} (inject with {@code @Qualifier(WebSocketAuthInterceptor.ANONYMOUS_BEAN_NAME)}):
 *       an upgrade without any token passes, with no grant attribute, so the handler can wait for
 *       {@code {"type":"auth","token":...}}; a token that is present but invalid is still refused
 *       with 401. For {@code /api/v1/ws}.</li>
 * </ul>
 * Either can also be built directly with {@link #WebSocketAuthInterceptor(TokenService, boolean)}.
 */
public class WebSocketAuthInterceptor implements HandshakeInterceptor {

    /** Session attribute holding the handshake's {@link AccessGrant}. */
    public static final String GRANT_ATTRIBUTE = "beacon.grant";
    /** Name of the bean that lets an upgrade without a token through. */
    public static final String ANONYMOUS_BEAN_NAME = "anonymousWebSocketAuthInterceptor";

    private static final String TOKEN_PARAMETER = "token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenService tokens;
    private final boolean allowAnonymous;

    public WebSocketAuthInterceptor(TokenService tokens, boolean allowAnonymous) {
        this.tokens = tokens;
        this.allowAnonymous = allowAnonymous;
    }

    /** Requires a token. */
    public WebSocketAuthInterceptor(TokenService tokens) {
        this(tokens, false);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        String token = tokenOf(request);
        if (token == null) {
            return allowAnonymous || refuse(response, ErrorCode.UNAUTHORIZED,
                    "an access token is required: send Authorization: Bearer <token> or ?token=<token>");
        }
        try {
            attributes.put(GRANT_ATTRIBUTE, tokens.verifyAccess(token));
            return true;
        } catch (BeaconException e) {
            return refuse(response, e.code(), e.getMessage());
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception exception) {
        // Nothing to undo: the grant lives in the session attributes.
    }

    static String tokenOf(ServerHttpRequest request) {
        String header = BearerTokens.fromHeader(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return header != null ? header : queryParameter(request.getURI(), TOKEN_PARAMETER);
    }

    private static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8)) && equals >= 0) {
                String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static boolean refuse(ServerHttpResponse response, ErrorCode code, String message) {
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        try {
            // token_expired stays visible to the client so it knows to refresh rather than log in again.
            response.getBody().write(JSON.writeValueAsBytes(ErrorResponse.of(code, message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            // The client went away; the status is all it could have had anyway.
        }
        return false;
    }
}
