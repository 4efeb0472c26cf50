package dev.promptevo.web.interfaces.security;

import dev.promptevo.web.application.TokenService;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every API request needs a valid, unrevoked token, whatever its resource says: a request without
 * one is refused with 401 before any resource runs (and so before anything is written). Runs
 * before the role checks of {@code @RolesAllowed} ({@link Priorities#AUTHORIZATION}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationRequired implements ContainerRequestFilter {
    /** The {@code WWW-Authenticate} challenge of RFC 6750: a bearer token, in this realm. */
    public static final String CHALLENGE = "Bearer realm=\"" + MpJwtAuthentication.REALM + "\"";

    @Inject
    private JsonWebToken token;

    @Inject
    private TokenService tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() == null || token == null || token.getName() == null) {
            throw challenge(false);
        }
        if (tokens.isRevoked(token.getTokenID())) {
            throw challenge(true);
        }
    }

    /**
     * A 401 with the bearer challenge; {@code invalidToken} when a token was sent but is not
     * accepted (RFC 6750 section 3.1, {@code error="invalid_token"}).
     */
    public static NotAuthorizedException challenge(boolean invalidToken) {
        return invalidToken
                ? new NotAuthorizedException(
                        "the token was revoked", CHALLENGE + ", error=\"invalid_token\", error_description=\"revoked\"")
                : new NotAuthorizedException("a bearer token is required (Authorization: Bearer <token>)", CHALLENGE);
    }
}
