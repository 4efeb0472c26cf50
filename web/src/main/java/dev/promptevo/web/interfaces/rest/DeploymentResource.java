package dev.promptevo.web.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.application.Deployments;
import dev.promptevo.web.application.LiveDeployment;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.JsonInput;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.deployment.DeploymentRequest;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.interfaces.rest.dto.DeploymentSummaryView;
import dev.promptevo.web.interfaces.rest.dto.DeploymentView;
import dev.promptevo.web.interfaces.rest.dto.InvokedView;
import dev.promptevo.web.interfaces.rest.dto.PageView;
import dev.promptevo.web.interfaces.rest.dto.RoutedView;
import dev.promptevo.web.interfaces.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deployments: a Thompson-sampling bandit over genomes serving live traffic. Viewers read; operators
 * create deployments, route, invoke and reward (the calls a serving client makes); admins pause,
 * resume, promote and roll back arms (they change what every client gets).
 */
@Path("deployments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deployments")
@RolesAllowed(Role.Names.VIEWER)
public class DeploymentResource {
    private static final int MAX_BUCKETS = 1440;
    private static final int MAX_REASON = 500;
    private static final int INVOKE_BULKHEAD = 16;
    private static final long INVOKE_TIMEOUT_SECONDS = 300;

    @Inject
    private Deployments deployments;

    @Inject
    private Callers callers;

    @Context
    private UriInfo uri;

    @POST
    @RolesAllowed(Role.Names.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createDeployment",
            summary = "Create a deployment from a completed run's candidates (top-k of the Pareto front or by"
                    + " composite) or from genomes checked against the task's search space")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request; every field at fault is named",
            content = @Content(mediaType = Responses.PROBLEM))
    @RequestBody(
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response create(JsonNode body) {
        LiveDeployment created = deployments.create(callers.current(), DeploymentRequest.parse(body));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(DeploymentView.of(deployments.report(callers.current(), created.id(), 1)))
                .build();
    }

    @GET
    @Operation(operationId = "listDeployments", summary = "List deployments, newest first")
    public PageView<DeploymentSummaryView> list(
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return PageView.of(
                deployments.list(callers.current(), PageRequest.of(offset, limit)), DeploymentSummaryView::of);
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getDeployment",
            summary = "A deployment's arms with their statistics (posterior mean, 95% interval, probability to be"
                    + " best, expected loss, pulls, rewards, gate failures, status) and its traffic per time bucket")
    @APIResponse(
            responseCode = "200",
            description = "The deployment",
            content = @Content(schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such deployment",
            content = @Content(mediaType = Responses.PROBLEM))
    public DeploymentView get(@PathParam("id") String id, @QueryParam("buckets") Integer buckets) {
        int n = buckets == null ? 60 : buckets;
        if (n < 1 || n > MAX_BUCKETS) {
            throw InvalidInputException.of("buckets", "must be in [1, " + MAX_BUCKETS + "], got " + n);
        }
        return DeploymentView.of(deployments.report(callers.current(), id, n));
    }

    @POST
    @Path("{id}/route")
    @RolesAllowed(Role.Names.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "routeDeployment",
            summary = "Choose an arm for one request: a signed decision id and the genome to call the model"
                    + " with. Optional body {\"unitKey\": \"...\"} keeps a user on one arm (sticky assignment).")
    @APIResponse(
            responseCode = "200",
            description = "The decision",
            content = @Content(schema = @Schema(implementation = RoutedView.class)))
    public RoutedView route(@PathParam("id") String id, byte[] body) throws IOException {
        Optional<String> unitKey =
                optionalBody(body).flatMap(json -> optionalText(json, "unitKey", Deployments.MAX_UNIT_KEY));
        return RoutedView.of(deployments.route(callers.current(), id, unitKey));
    }

    @POST
    @Path("{id}/invoke")
    @RolesAllowed(Role.Names.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "invokeDeployment",
            summary = "Route, run {\"input\": \"...\"} through the chosen genome on the task's backend, validate the"
                    + " output and return it with the decision id; {\"autoReward\": true} rewards the decision from"
                    + " the validators (the validator score if the schema, safety and validator gates pass, else 0)")
    @APIResponse(
            responseCode = "200",
            description = "The output and its validation",
            content = @Content(schema = @Schema(implementation = InvokedView.class)))
    @APIResponse(
            responseCode = "502",
            description = "The backend could not answer",
            content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "503",
            description = "As many invocations as the server allows are in flight; try again after Retry-After"
                    + " seconds. Nothing was routed or rewarded",
            content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "504",
            description = "The invocation, the backend's retries included, took longer than the server allows",
            content = @Content(mediaType = Responses.PROBLEM))
    // Each invocation holds an HTTP thread while the model answers (seconds on a real provider, more
    // with retries): the bulkhead keeps live calls from taking every thread, so reads, routes and
    // rewards are still served; the timeout bounds one invocation's wall time, retries included (the
    // backend's own timeout is per call). Both are MicroProfile Fault Tolerance settings: see the README.
    @Bulkhead(INVOKE_BULKHEAD)
    @Timeout(value = INVOKE_TIMEOUT_SECONDS, unit = ChronoUnit.SECONDS)
    @RequestBody(
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public InvokedView invoke(@PathParam("id") String id, JsonNode body) throws InterruptedException {
        JsonInput in = new JsonInput();
        if (!in.object(body, "")) {
            in.throwIfInvalid();
        }
        in.onlyKnown(body, "", Set.of("input", "autoReward", "unitKey"));
        Optional<String> input = in.text(body, "", "input", true, Deployments.MAX_INPUT);
        boolean autoReward = in.bool(body, "", "autoReward").orElse(false);
        Optional<String> unitKey = in.text(body, "", "unitKey", false, Deployments.MAX_UNIT_KEY);
        in.throwIfInvalid();
        return InvokedView.of(deployments.invoke(callers.current(), id, input.orElseThrow(), autoReward, unitKey));
    }

    @POST
    @Path("{id}/arms/{position}/pause")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "pauseDeploymentArm",
            summary = "Pause an arm (optional body {\"reason\": \"...\"}); the last active arm cannot be paused (409)")
    public Map<String, Object> pause(@PathParam("id") String id, @PathParam("position") int position, byte[] body)
            throws IOException {
        Optional<String> reason = optionalBody(body).flatMap(json -> optionalText(json, "reason", MAX_REASON));
        return act(id, position, Deployments.ArmAction.PAUSE, reason);
    }

    @POST
    @Path("{id}/arms/{position}/resume")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(operationId = "resumeDeploymentArm", summary = "Resume a paused arm; its gate tally starts again")
    public Map<String, Object> resume(@PathParam("id") String id, @PathParam("position") int position) {
        return act(id, position, Deployments.ArmAction.RESUME, Optional.empty());
    }

    @POST
    @Path("{id}/arms/{position}/promote")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(
            operationId = "promoteDeploymentArm",
            summary = "Make an active arm the production arm and pause every other arm")
    public Map<String, Object> promote(@PathParam("id") String id, @PathParam("position") int position) {
        return act(id, position, Deployments.ArmAction.PROMOTE, Optional.empty());
    }

    @POST
    @Path("{id}/arms/{position}/rollback")
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(
            operationId = "rollbackDeploymentArm",
            summary = "Undo the last promotion, which must be this arm's: the arms it paused serve again")
    public Map<String, Object> rollback(@PathParam("id") String id, @PathParam("position") int position) {
        return act(id, position, Deployments.ArmAction.ROLLBACK, Optional.empty());
    }

    /**
     * An optional JSON body, read by hand: these endpoints are also called with no body at all, which
     * the JSON reader refuses. A body that is not JSON is a problem like any other endpoint's
     * ({@link dev.promptevo.web.interfaces.rest.problem.JsonProblemMapper}). Read as bytes: JSON is
     * UTF-8 whatever charset a client names, and a charset Java does not know made a String body a 500.
     */
    private static Optional<JsonNode> optionalBody(byte[] body) throws IOException {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(JsonBodies.mapper().readTree(body));
    }

    /** The only field of an optional body, a string. */
    private static Optional<String> optionalText(JsonNode body, String field, int maxLength) {
        JsonInput in = new JsonInput();
        Optional<String> value = Optional.empty();
        if (in.object(body, "")) {
            in.onlyKnown(body, "", Set.of(field));
            value = in.text(body, "", field, false, maxLength);
        }
        in.throwIfInvalid();
        return value;
    }

    private Map<String, Object> act(String id, int position, Deployments.ArmAction action, Optional<String> reason) {
        boolean changed = deployments.act(callers.current(), id, position, action, reason);
        return Map.of("deploymentId", id, "armPosition", position, "action", action.name(), "changed", changed);
    }
}
