package io.beacon.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beacon.common.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import java.util.Locale;

/**
 * Stateless bearer-token security: no session, no CSRF (no cookies to ride on), no form login or
 * basic auth. The auth endpoints, the WebSocket endpoints (they authenticate in the handshake, see
 * {@link WebSocketAuthInterceptor}), health, Prometheus, the AsyncAPI document and the error page are
 * open; everything else needs a valid access token. 401 and 403 use the JSON error shape.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
            "/api/v1/auth/register",
            "/api/v1/auth/login",
            "/api/v1/auth/refresh",
            "/api/v1/companies/ws",
            "/api/v1/ws",
            "/api/v2/apollo/ws",
            "/actuator/health",
            "/actuator/health/**",
            "/actuator/prometheus",
            "/asyncapi.yaml",
            "/error",
    };

    @Bean
    SecurityFilterChain beaconSecurityFilterChain(HttpSecurity http, TokenService tokens, ObjectMapper json)
            throws Exception {
        JsonErrors errors = new JsonErrors(json);
        http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> {
                            Object failure = request.getAttribute(BearerTokenFilter.FAILURE_ATTRIBUTE);
                            String message = failure != null ? failure.toString()
                                    : "authentication required: send Authorization: Bearer <access_token>";
                            errors.write(response, HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHORIZED, message);
                        })
                        .accessDeniedHandler((request, response, e) ->
                                errors.write(response, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                                        "your role does not allow this")))
                .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The users collection seen as Spring Security users. The REST login checks passwords itself (to
     * throttle and to time unknown emails like known ones); this bean also keeps Spring Boot from
     * creating its default in-memory user with a generated password.
     */
    @Bean
    UserDetailsService userDetailsService(UserStore users) {
        return email -> users.findByEmail(email)
                .map(account -> User.withUsername(account.email())
                        .password(account.passwordHash())
                        .roles(account.role().toUpperCase(Locale.ROOT))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
