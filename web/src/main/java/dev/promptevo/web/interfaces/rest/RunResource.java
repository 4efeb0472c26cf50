package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.application.RunService;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.run.Run;
import dev.promptevo.web.domain.run.RunCandidate;
import dev.promptevo.web.domain.security.Caller;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.interfaces.rest.dto.CandidateView;
import dev.promptevo.web.interfaces.rest.dto.EvaluationView;
import dev.promptevo.web.interfaces.rest.dto.GenerationView;
import dev.promptevo.web.interfaces.rest.dto.PageView;
import dev.promptevo.web.interfaces.rest.dto.ParetoFrontView;
import dev.promptevo.web.interfaces.rest.dto.RunRequest;
import dev.promptevo.web.interfaces.rest.dto.RunView;
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
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs: optimization jobs executed on the server's managed executor. */
@Path("runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
@RolesAllowed(Role.Names.VIEWER)
public class RunResource {
    @Inject
    private RunService runs;

    @Inject
    private RunEventStreams streams;

    @Inject
    private Callers callers;

    @Context
    private UriInfo uri;

    @POST
    @RolesAllowed(Role.Names.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "startRun",
            summary = "Start a run",
            description = "Stored as QUEUED and started on the managed executor.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid request; every field at fault is named",
            content = @Content(mediaType = Responses.PROBLEM))
    public Response start(RunRequest request) {
        Run run = runs.start(callers.current(), request.taskId(), request.datasetId(), request.settings());
        return Response.accepted(RunView.of(run))
                .location(uri.getAbsolutePathBuilder().path(run.id()).build())
                .build();
    }

    @GET
    @Operation(operationId = "listRuns", summary = "List runs, newest first, optionally of one task")
    @APIResponse(
            responseCode = "400",
            description = "Bad paging parameters",
            content = @Content(mediaType = Responses.PROBLEM))
    public PageView<RunView> list(
            @QueryParam("taskId") String taskId,
            @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return PageView.of(
                runs.list(
                        callers.current(),
                        Optional.ofNullable(taskId).filter(s -> !s.isBlank()),
                        PageRequest.of(offset, limit)),
                RunView::of);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getRun", summary = "Get a run: status, progress, spend, best candidate")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Responses.PROBLEM))
    public RunView get(@PathParam("id") String id) {
        return RunView.of(runs.get(callers.current(), id));
    }

    @GET
    @Path("{id}/generations")
    @Operation(
            operationId = "listRunGenerations",
            summary = "The run's completed generations, in order (written as each completes)")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Responses.PROBLEM))
    public List<GenerationView> generations(@PathParam("id") String id) {
        return runs.generations(callers.current(), id).stream()
                .map(GenerationView::of)
                .toList();
    }

    @GET
    @Path("{id}/candidates")
    @Operation(
            operationId = "listRunCandidates",
            summary = "A page of the run's evaluated candidates, best composite first (stored when the run completes)")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Responses.PROBLEM))
    public PageView<CandidateView> candidates(
            @PathParam("id") String id, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return PageView.of(runs.candidates(callers.current(), id, PageRequest.of(offset, limit)), CandidateView::of);
    }

    @GET
    @Path("{id}/candidates/{genomeId}/evaluations")
    @Operation(
            operationId = "listCandidateEvaluations",
            summary = "A page of one candidate's evaluations on the run's training examples, in training order",
            description = "Stored for every candidate the run evaluated completely, as the generation that completed"
                    + " it is recorded: the output, the metrics (repairs included), the validators' failures and the"
                    + " model call's error.")
    @APIResponse(
            responseCode = "404",
            description = "No such run, or no candidate with that genome id in it",
            content = @Content(mediaType = Responses.PROBLEM))
    public PageView<EvaluationView> evaluations(
            @PathParam("id") String id,
            @PathParam("genomeId") String genomeId,
            @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return PageView.of(
                runs.evaluations(callers.current(), id, genomeId, PageRequest.of(offset, limit)),
                e -> EvaluationView.of(e.index(), e.evaluation()));
    }

    @GET
    @Path("{id}/pareto-front")
    @Operation(
            operationId = "getRunParetoFront",
            summary = "The run's Pareto front over its objectives, best composite first")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Responses.PROBLEM))
    public ParetoFrontView paretoFront(@PathParam("id") String id) {
        Caller caller = callers.current();
        Run run = runs.get(caller, id);
        List<RunCandidate> front = runs.paretoFront(caller, id);
        return new ParetoFrontView(
                id,
                run.objectives().stream()
                        .map(o -> new ParetoFrontView.ObjectiveView(o.get("id"), o.get("direction")))
                        .toList(),
                front.stream()
                        .map(c -> new ParetoFrontView.Point(c.objectiveValues(), CandidateView.of(c)))
                        .toList());
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Role.Names.OPERATOR)
    @Operation(operationId = "cancelRun", summary = "Cancel a queued or running run")
    @APIResponse(
            responseCode = "200",
            description = "Cancelled",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "409",
            description = "The run has already ended",
            content = @Content(mediaType = Responses.PROBLEM))
    public RunView cancel(@PathParam("id") String id) {
        return RunView.of(runs.cancel(callers.current(), id));
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed(Role.Names.OPERATOR)
    @Operation(
            operationId = "resumeRun",
            summary = "Resume a cancelled or failed run",
            description = "Queues the run again; it goes on from its last completed generation (from its start"
                    + " when it completed none), keeping its generations, candidates and spend.")
    @APIResponse(
            responseCode = "200",
            description = "Queued to resume",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "409",
            description = "The run is queued, running or completed",
            content = @Content(mediaType = Responses.PROBLEM))
    public RunView resume(@PathParam("id") String id) {
        return RunView.of(runs.resume(callers.current(), id));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            operationId = "streamRunEvents",
            summary = "Follow a run: server-sent events",
            description = "First a 'run' event with the run's current state; then a 'generation' event per completed"
                    + " generation and a 'run' event per status change. The stream ends after the final status.")
    @APIResponse(responseCode = "200", description = "An event stream (text/event-stream)")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = Responses.PROBLEM))
    public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        Caller caller = callers.current();
        runs.get(caller, id); // an unknown (or another team's) run is a 404 before the stream opens
        streams.subscribe(id, sink, sse);
        Run current = runs.get(caller, id); // read after subscribing, so that no change falls between the two
        sink.send(RunEventStreams.event(sse, RunEventStreams.RUN, RunView.class, RunView.of(current)));
        if (current.status().isFinal()) {
            streams.unsubscribe(id, sink);
            sink.close();
        }
    }
}
