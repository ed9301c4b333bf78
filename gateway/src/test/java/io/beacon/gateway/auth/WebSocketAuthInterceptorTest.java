package io.beacon.gateway.auth;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketAuthInterceptorTest {

    private final AuthenticatedUser bob = new AuthenticatedUser("u-2", "bob@example.com", "Bob", "user");
    private final TokenService tokens = new TokenService(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(15),
            Duration.ofDays(7), uuid -> uuid.equals(bob.uuid()) ? Optional.of(bob) : Optional.empty(),
            Clock.systemUTC());
    private final WebSocketAuthInterceptor required = new WebSocketAuthInterceptor(tokens);
    private final WebSocketAuthInterceptor anonymous = new WebSocketAuthInterceptor(tokens, true);

    private final MockHttpServletResponse servletResponse = new MockHttpServletResponse();
    private final Map<String, Object> attributes = new HashMap<>();

    @Test
    void tokenInQueryIsAccepted() {
        MockHttpServletRequest request = upgrade();
        request.setQueryString("foo=1&token=" + tokens.issue(bob).accessToken());

        assertThat(handshake(required, request)).isTrue();
        assertThat(attributes.get(WebSocketAuthInterceptor.GRANT_ATTRIBUTE))
                .isInstanceOfSatisfying(AccessGrant.class, grant -> assertThat(grant.user()).isEqualTo(bob));
    }

    @Test
    void tokenInAuthorizationHeaderIsAccepted() {
        MockHttpServletRequest request = upgrade();
        request.addHeader("Authorization", "Bearer " + tokens.issue(bob).accessToken());

        assertThat(handshake(required, request)).isTrue();
        assertThat(attributes).containsKey(WebSocketAuthInterceptor.GRANT_ATTRIBUTE);
    }

    @Test
    void missingTokenIsRefusedWith401() throws Exception {
        assertThat(handshake(required, upgrade())).isFalse();

        assertThat(servletResponse.getStatus()).isEqualTo(401);
        assertThat(servletResponse.getContentAsString()).contains("\"code\":\"unauthorized\"");
        assertThat(attributes).isEmpty();
    }

    @Test
    void refreshTokenIsRefusedWith401() {
        MockHttpServletRequest request = upgrade();
        request.setQueryString("token=" + tokens.issue(bob).refreshToken());

        assertThat(handshake(required, request)).isFalse();
        assertThat(servletResponse.getStatus()).isEqualTo(401);
    }

    @Test
    void anonymousVariantLetsAnUpgradeWithoutTokenThrough() {
        assertThat(handshake(anonymous, upgrade())).isTrue();

        assertThat(attributes).doesNotContainKey(WebSocketAuthInterceptor.GRANT_ATTRIBUTE);
        assertThat(servletResponse.getStatus()).isEqualTo(200);
    }

    @Test
    void anonymousVariantStillRefusesAnInvalidToken() {
        MockHttpServletRequest request = upgrade();
        request.setQueryString("token=garbage");

        assertThat(handshake(anonymous, request)).isFalse();
        assertThat(servletResponse.getStatus()).isEqualTo(401);
    }

    @Test
    void anonymousVariantStillGrantsAValidToken() {
        MockHttpServletRequest request = upgrade();
        request.addHeader("Authorization", "bearer " + tokens.issue(bob).accessToken());

        assertThat(handshake(anonymous, request)).isTrue();
        assertThat(attributes).containsKey(WebSocketAuthInterceptor.GRANT_ATTRIBUTE);
    }

    private boolean handshake(WebSocketAuthInterceptor interceptor, MockHttpServletRequest request) {
        ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
        boolean accepted = interceptor.beforeHandshake(new ServletServerHttpRequest(request), response, null, attributes);
        response.close();
        return accepted;
    }

    private static MockHttpServletRequest upgrade() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/companies/ws");
        request.addHeader("Upgrade", "websocket");
        request.addHeader("Connection", "Upgrade");
        return request;
    }
}
