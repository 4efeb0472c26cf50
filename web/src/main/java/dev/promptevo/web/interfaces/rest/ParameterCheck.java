package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.domain.JsonInput;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Refuses a query parameter (or a path) carrying U+0000 before any resource looks it up: PostgreSQL
 * refuses the character in a query, which would make a lookup by a client's text a 500. A query string
 * that is not valid percent-encoding is refused too. Both are 400 problems naming the parameter; a
 * query string over {@link #MAX_QUERY} characters is a 414 problem.
 */
@Provider
@PreMatching
public class ParameterCheck implements ContainerRequestFilter {
    /**
     * The longest query string read: no endpoint takes more than a few ids and numbers. Longer ones
     * are a 414 problem here; the HTTP listener refuses a request line and headers over its header
     * buffer (8 KiB by default) itself, with an empty 400, before any application sees them.
     */
    static final int MAX_QUERY = 8192;

    /**
     * The query parameters the resources take as {@code Integer}: JAX-RS answers one it cannot convert
     * with a bare 404, as if the resource did not exist.
     */
    private static final Set<String> WHOLE_NUMBERS = Set.of("offset", "limit", "buckets");

    @Override
    public void filter(ContainerRequestContext request) {
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query != null && query.length() > MAX_QUERY) {
            throw new WebApplicationException(
                    "the query string has " + query.length() + " characters; the server reads at most " + MAX_QUERY,
                    Response.Status.REQUEST_URI_TOO_LONG);
        }
        JsonInput in = new JsonInput();
        try {
            request.getUriInfo().getQueryParameters().forEach((name, values) -> {
                if (name.indexOf('\0') >= 0 || values.stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                    in.add(name.replace('\0', '?'), JsonInput.NO_NUL);
                } else if (WHOLE_NUMBERS.contains(name) && !values.stream().allMatch(ParameterCheck::isInt)) {
                    in.add(name, "must be a whole number, got '" + String.join("', '", values) + "'");
                }
            });
            if (request.getUriInfo().getPath().indexOf('\0') >= 0) {
                in.add("(path)", JsonInput.NO_NUL);
            }
        } catch (IllegalArgumentException e) {
            in.add("(query)", "is not a valid percent-encoded query string");
        }
        in.throwIfInvalid();
    }

    private static boolean isInt(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
