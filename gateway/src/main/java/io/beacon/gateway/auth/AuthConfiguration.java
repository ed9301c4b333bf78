package io.beacon.gateway.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.nio.file.Path;

/** Builds the auth beans that need configuration or files of the data directory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

    @Bean
    TokenService tokenService(AuthProperties properties, @Value("${beacon.data-dir:./data}") Path dataDir,
                              UserStore users) {
        byte[] secret = JwtSecrets.resolve(properties.jwtSecret(), dataDir);
        return new TokenService(secret, properties.accessTokenTtl(), properties.refreshTokenTtl(), users);
    }

    @Bean
    WriteKeys writeKeys(@Value("${beacon.write-key:}") String configured,
                        @Value("${beacon.data-dir:./data}") Path dataDir) {
        return WriteKeys.resolve(configured, dataDir, System.out);
    }

    @Bean
    LoginThrottle loginThrottle(AuthProperties properties) {
        return new LoginThrottle(properties.loginFailuresAllowed(), properties.loginFailureWindow());
    }

    @Bean
    @Primary
    WebSocketAuthInterceptor webSocketAuthInterceptor(TokenService tokens) {
        return new WebSocketAuthInterceptor(tokens, false);
    }

    @Bean(WebSocketAuthInterceptor.ANONYMOUS_BEAN_NAME)
    WebSocketAuthInterceptor anonymousWebSocketAuthInterceptor(TokenService tokens) {
        return new WebSocketAuthInterceptor(tokens, true);
    }
}
