package dev.promptevo.web.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.web.application.TaskService;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.domain.task.StoredTask;
import dev.promptevo.web.interfaces.rest.dto.PageView;
import dev.promptevo.web.interfaces.rest.dto.TaskView;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tasks: what the LLM must do and how its output is judged. */
@Path("tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks")
@RolesAllowed(Role.Names.VIEWER)
public class TaskResource {
    @Inject
    private TaskService tasks;

    @Inject
    private Callers callers;

    @Context
    private UriInfo uri;

    @POST
    @RolesAllowed(Role.Names.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createTask",
            summary = "Create a task",
            description = "The body is a task.json with the output schema, the base genome and the documents inline;"
                    + " backend settings come from server configuration only.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .OBJECT)))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid definition; every field at fault is named",
            content = @Content(mediaType = Responses.PROBLEM))
    public Response create(JsonNode body) {
        StoredTask task = tasks.create(callers.current(), body);
        return Response.created(uri.getAbsolutePathBuilder().path(task.id()).build())
                .entity(TaskView.full(task))
                .build();
    }

    @GET
    @Operation(operationId = "listTasks", summary = "List tasks, newest first")
    @APIResponse(responseCode = "200", description = "A page of tasks")
    @APIResponse(
            responseCode = "400",
            description = "Bad paging parameters",
            content = @Content(mediaType = Responses.PROBLEM))
    public PageView<TaskView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return PageView.of(tasks.list(callers.current(), PageRequest.of(offset, limit)), TaskView::summary);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getTask", summary = "Get a task with its definition")
    @APIResponse(
            responseCode = "200",
            description = "The task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", description = "No such task", content = @Content(mediaType = Responses.PROBLEM))
    public TaskView get(@PathParam("id") String id) {
        return TaskView.full(tasks.get(callers.current(), id));
    }

    @DELETE
    @RolesAllowed(Role.Names.OPERATOR)
    @Path("{id}")
    @Operation(operationId = "deleteTask", summary = "Delete a task that no run refers to")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such task", content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "409",
            description = "Runs refer to the task",
            content = @Content(mediaType = Responses.PROBLEM))
    public Response delete(@PathParam("id") String id) {
        tasks.delete(callers.current(), id);
        return Response.noContent().build();
    }
}
