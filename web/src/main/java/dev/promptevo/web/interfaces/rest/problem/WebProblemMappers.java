package dev.promptevo.web.interfaces.rest.problem;

import dev.promptevo.web.interfaces.rest.JsonBodies;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Everything else as RFC 9457 problems: JAX-RS's own errors keep their status; the unexpected is a 500. */
public final class WebProblemMappers {
    private static final Logger LOG = Logger.getLogger(WebProblemMappers.class.getName());

    private WebProblemMappers() {}

    @Provider
    public static class EmptyBody implements ExceptionMapper<JsonBodies.EmptyBodyException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(JsonBodies.EmptyBodyException e) {
            return Problems.response(
                    uri,
                    400,
                    "invalid-input",
                    "Invalid input",
                    e.getMessage(),
                    List.of(Problem.Error.field("(body)", e.getMessage())),
                    null);
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original == null ? 500 : original.getStatus();
            String title = original == null ? "Error" : original.getStatusInfo().getReasonPhrase();
            String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            Response.ResponseBuilder problem = Response.fromResponse(
                    Problems.response(uri, status, slug, title, e.getMessage() == null ? title : e.getMessage()));
            if (original != null && original.getHeaderString("Allow") != null) {
                problem.header("Allow", original.getHeaderString("Allow"));
            }
            return problem.build();
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(Throwable e) {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unexpected error, incident " + incident, e);
            return Problems.response(
                    uri,
                    500,
                    "internal-error",
                    "Internal server error",
                    "an unexpected error occurred; the server log names it as incident " + incident);
        }
    }
}
