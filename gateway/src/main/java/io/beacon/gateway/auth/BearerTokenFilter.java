package io.beacon.gateway.auth;

import io.beacon.common.BeaconException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Authenticates a request carrying {@code Authorization: Bearer <access_token>}: the principal is the
 * {@link AuthenticatedUser}, the authority ROLE_ADMIN or ROLE_USER, the details the
 * {@link AccessGrant}. A bad token is not answered here: the request goes on unauthenticated (public
 * paths still work) and the entry point tells why it was refused via {@link #FAILURE_ATTRIBUTE}.
 *
 * <p>Deliberately not a bean: Spring Boot would also register a Filter bean on the servlet chain.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String FAILURE_ATTRIBUTE = BearerTokenFilter.class.getName() + ".failure";

    private final TokenService tokens;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = BearerTokens.fromHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token != null) {
            try {
                AccessGrant grant = tokens.verifyAccess(token);
                AuthenticatedUser user = grant.user();
                var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + user.role().toUpperCase(Locale.ROOT))));
                authentication.setDetails(grant);
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authentication);
                contexts.setContext(context);
            } catch (BeaconException e) {
                request.setAttribute(FAILURE_ATTRIBUTE, e.getMessage());
            }
        }
        chain.doFilter(request, response);
    }
}
