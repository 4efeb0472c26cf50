package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.domain.JsonInput;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a query parameter (or a path) carrying U+0000 before any resource looks it up: PostgreSQL
 * refuses the character in a query, which would make a lookup by a client's text a 500. A query string
 * that is not valid percent-encoding is refused too. Both are 400 problems naming the parameter.
 */
@Provider
@PreMatching
public class ParameterCheck implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        JsonInput in = new JsonInput();
        try {
            request.getUriInfo().getQueryParameters().forEach((name, values) -> {
                if (name.indexOf('\0') >= 0 || values.stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                    in.add(name.replace('\0', '?'), JsonInput.NO_NUL);
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
}
