package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.application.TokenService;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.interfaces.rest.dto.PageView;
import dev.promptevo.web.interfaces.rest.dto.TokenRequest;
import dev.promptevo.web.interfaces.rest.dto.TokenView;
import dev.promptevo.web.interfaces.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tokens the server signs (embedded issuer): minted by an admin for a subject, a role and a team. */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
@RolesAllowed(Role.Names.ADMIN)
public class TokenResource {
    @Inject
    private TokenService tokens;

    @Inject
    private Callers callers;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "mintToken",
            summary = "Mint a token for a subject, a role and optionally a team",
            description = "The answer is the only place the token is ever shown; the server keeps only its id and"
                    + " what it grants. Admins only.")
    @APIResponse(
            responseCode = "201",
            description = "Minted; 'token' is the bearer token",
            content = @Content(schema = @Schema(implementation = TokenView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request; every field at fault is named",
            content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "409",
            description = "The server verifies an external issuer's tokens and cannot sign any",
            content = @Content(mediaType = Responses.PROBLEM))
    public Response mint(TokenRequest request) {
        // The minter's subject is stored as the token's issued_by, checked like an owner's.
        TokenService.Minted minted = tokens.mint(callers.current().ownership().subject(), request.grant());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(minted.record().id()).build())
                .cacheControl(noStore)
                .entity(TokenView.withToken(minted.record(), minted.token()))
                .build();
    }

    @GET
    @Operation(operationId = "listTokens", summary = "Tokens minted here, newest first (without the tokens)")
    public PageView<TokenView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return PageView.of(tokens.list(PageRequest.of(offset, limit)), TokenView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token: from now on every request carrying it gets 401")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(
            responseCode = "404",
            description = "No token with this id was minted here",
            content = @Content(mediaType = Responses.PROBLEM))
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(id);
        return Response.noContent().build();
    }
}
