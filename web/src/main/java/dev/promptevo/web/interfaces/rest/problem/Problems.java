package dev.promptevo.web.interfaces.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Builds problem responses. */
final class Problems {
    private Problems() {}

    static Response response(
            UriInfo uri,
            int status,
            String slug,
            String title,
            String detail,
            List<Problem.Error> errors,
            Boolean truncated) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        Problem problem = new Problem(
                Problem.URN + slug,
                title,
                status,
                detail,
                instance,
                errors == null || errors.isEmpty() ? null : errors,
                truncated);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Response response(UriInfo uri, int status, String slug, String title, String detail) {
        return response(uri, status, slug, title, detail, null, null);
    }
}
