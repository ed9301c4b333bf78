package io.beacon.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.beacon.common.BeaconException;
import io.beacon.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code /api/v1/auth}: register, login, refresh, me. Errors are rendered by {@link AuthErrorHandler}. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/register")
    ResponseEntity<TokenResponse> register(@RequestBody JsonNode body) {
        Map<String, String> fields = RequestBodies.strings(body, List.of("email", "password", "name"));
        TokenResponse tokens = auth.register(fields.get("email"), fields.get("password"), fields.get("name"));
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens);
    }

    @PostMapping("/login")
    TokenResponse login(@RequestBody JsonNode body) {
        Map<String, String> fields = RequestBodies.strings(body, List.of("email", "password"));
        return auth.login(fields.get("email"), fields.get("password"));
    }

    @PostMapping("/refresh")
    TokenResponse refresh(@RequestBody JsonNode body) {
        Map<String, String> fields = RequestBodies.strings(body, List.of("refresh_token"));
        return auth.refresh(fields.get("refresh_token"));
    }

    @GetMapping("/me")
    UserResponse me(@AuthenticationPrincipal AuthenticatedUser user) {
        if (user == null) {
            throw new BeaconException(ErrorCode.UNAUTHORIZED, "authentication required");
        }
        return UserResponse.of(user);
    }
}
