package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.interfaces.rest.dto.PingView;
import dev.promptevo.web.interfaces.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The trivial endpoint the route benchmark measures against: the same method, token check, role and
 * JSON writer as {@code POST /api/deployments/{id}/route}, and no work.
 */
@Path("ping")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
@RolesAllowed(Role.Names.OPERATOR)
public class PingResource {
    @Inject
    private Callers callers;

    @POST
    @Operation(operationId = "ping", summary = "Answer at once (the baseline of the route throughput benchmark)")
    public PingView ping() {
        return new PingView(callers.current().subject());
    }
}
