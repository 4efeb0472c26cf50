package dev.promptevo.web.interfaces.rest.problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Optional;

/**
 * Refusals as RFC 9457 problems: no valid token is a 401 that keeps its {@code WWW-Authenticate}
 * challenge; a token whose role is too low is a 403 naming the role needed.
 */
public final class SecurityProblemMappers {
    /** The challenge of a 401 when the refusal named none. */
    public static final String BEARER = "Bearer";

    private SecurityProblemMappers() {}

    /** The problem body of a 401, for this mapper and for the container's own 401 page. */
    public static Problem unauthorized(String instance, String detail) {
        return new Problem(Problem.URN + "unauthorized", "Unauthorized", 401, detail, instance, null, null);
    }

    @Provider
    public static class Unauthorized implements ExceptionMapper<NotAuthorizedException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(NotAuthorizedException e) {
            String challenge = Optional.ofNullable(e.getResponse())
                    .map(r -> r.getHeaderString(HttpHeaders.WWW_AUTHENTICATE))
                    .orElse(BEARER);
            return Response.status(401)
                    .type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                    .entity(unauthorized(
                            uri == null ? null : uri.getRequestUri().getRawPath(), e.getMessage()))
                    .build();
        }
    }

    @Provider
    public static class Forbidden implements ExceptionMapper<ForbiddenException> {
        @Context
        private UriInfo uri;

        @Context
        private ResourceInfo resource;

        @Override
        public Response toResponse(ForbiddenException e) {
            return Problems.response(uri, 403, "forbidden", "Forbidden", needed().orElse(e.getMessage()));
        }

        /** "needs the role operator (or a higher one)", from the refused method's {@code @RolesAllowed}. */
        private Optional<String> needed() {
            if (resource == null || resource.getResourceMethod() == null) {
                return Optional.empty();
            }
            RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
            if (allowed == null) {
                allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
            }
            return Optional.ofNullable(allowed)
                    .map(a -> "your token's role does not allow this: it needs the role "
                            + String.join(" or ", Arrays.asList(a.value())) + " (or a higher one)");
        }
    }
}
