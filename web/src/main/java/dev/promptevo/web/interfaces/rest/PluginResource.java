package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.infrastructure.engine.PluginCatalog;
import dev.promptevo.web.interfaces.rest.dto.PluginView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The plugins the server discovered. */
@Path("plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plugins")
@RolesAllowed(Role.Names.VIEWER)
public class PluginResource {
    @Inject
    private PluginCatalog plugins;

    @GET
    @Operation(
            operationId = "listPlugins",
            summary = "Discovered backends, operators, validators and retrievers, with ids and versions")
    public PluginView.Catalog list() {
        var factory = plugins.runFactory();
        return new PluginView.Catalog(
                PluginView.of(factory.backends().all()),
                PluginView.of(factory.mutations().all()),
                PluginView.of(factory.crossovers().all()),
                PluginView.of(plugins.validators().all()),
                PluginView.of(plugins.retrievers().all()));
    }
}
