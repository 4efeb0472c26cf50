package dev.promptevo.web.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.application.Deployments;
import dev.promptevo.web.domain.JsonInput;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.interfaces.rest.dto.RewardedView;
import dev.promptevo.web.interfaces.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Delayed feedback on routed decisions. */
@Path("decisions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions")
@RolesAllowed(Role.Names.OPERATOR)
public class DecisionResource {
    @Inject
    private Deployments deployments;

    @Inject
    private Callers callers;

    @POST
    @Path("{decisionId}/reward")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "rewardDecision",
            summary = "Reward a decision once with {\"reward\": r}, r a number in [0, 1]. Idempotent: a repeated"
                    + " reward of the same decision is 200 with \"applied\": false and the stored reward, and"
                    + " changes nothing")
    @APIResponse(
            responseCode = "200",
            description = "Stored and counted (applied: true), or already rewarded before (applied: false)",
            content = @Content(schema = @Schema(implementation = RewardedView.class)))
    @APIResponse(
            responseCode = "400",
            description = "reward missing, not a number, or outside [0, 1]",
            content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "404",
            description = "Not a decision id this server issued (malformed, tampered with, or of a deployment the"
                    + " caller cannot see)",
            content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "410",
            description = "The decision expired (older than its deployment's decisionTtlSeconds)",
            content = @Content(mediaType = Responses.PROBLEM))
    @RequestBody(
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public RewardedView reward(@PathParam("decisionId") String decisionId, JsonNode body) {
        JsonInput in = new JsonInput();
        if (!in.object(body, "")) {
            in.throwIfInvalid();
        }
        in.onlyKnown(body, "", Set.of("reward"));
        JsonNode value = body.get("reward");
        if (value == null || value.isNull()) {
            in.add("reward", "is required: a number in [0, 1]");
        } else if (!value.isNumber()) {
            in.add("reward", "must be a number in [0, 1], got " + JsonInput.describe(value));
        } else if (!(value.doubleValue() >= 0 && value.doubleValue() <= 1)) {
            in.add("reward", "must be in [0, 1], got " + value);
        }
        in.throwIfInvalid();
        return RewardedView.of(deployments.reward(callers.current(), decisionId, value.doubleValue()));
    }
}
