package dev.promptevo.web.interfaces.rest;

import dev.promptevo.web.application.DatasetService;
import dev.promptevo.web.domain.PageRequest;
import dev.promptevo.web.domain.dataset.StoredDataset;
import dev.promptevo.web.domain.dataset.UploadTooLargeException;
import dev.promptevo.web.domain.security.Role;
import dev.promptevo.web.interfaces.rest.dto.DatasetView;
import dev.promptevo.web.interfaces.rest.dto.ExampleView;
import dev.promptevo.web.interfaces.rest.dto.PageView;
import dev.promptevo.web.interfaces.security.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Datasets: golden examples, uploaded as JSON Lines. */
@Path("datasets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
@RolesAllowed(Role.Names.VIEWER)
public class DatasetResource {
    private static final long MIN_DRAIN_BYTES = 1 << 20;

    @Inject
    private DatasetService datasets;

    @Inject
    private Callers callers;

    @Context
    private UriInfo uri;

    @POST
    @RolesAllowed(Role.Names.OPERATOR)
    @Consumes({Responses.NDJSON, Responses.JSONL, MediaType.TEXT_PLAIN})
    @Operation(
            operationId = "uploadDataset",
            summary = "Upload a dataset",
            description =
                    "One example a line: {\"id\", \"input\", \"expected\", \"difficulty\"?, \"tags\"?,"
                            + " \"relevantPassages\"?}. Read as a stream; all lines are checked and either all are stored or none.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = Responses.NDJSON,
                            schema =
                                    @Schema(
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                                            .STRING)))
    @APIResponse(
            responseCode = "201",
            description = "Stored",
            content = @Content(schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Bad lines, each with its number and reason",
            content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "413",
            description = "Body over promptevo.datasets.max-bytes",
            content = @Content(mediaType = Responses.PROBLEM))
    public Response upload(
            @QueryParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            InputStream body) {
        StoredDataset dataset;
        try {
            dataset = datasets.upload(
                    callers.current(),
                    name,
                    body,
                    contentLength == null ? OptionalLong.empty() : OptionalLong.of(contentLength));
        } catch (UploadTooLargeException e) {
            drain(body, Math.max(MIN_DRAIN_BYTES, e.limitBytes()));
            throw e;
        }
        return Response.created(uri.getAbsolutePathBuilder().path(dataset.id()).build())
                .entity(DatasetView.of(dataset))
                .build();
    }

    @GET
    @Operation(operationId = "listDatasets", summary = "List datasets, newest first")
    public PageView<DatasetView> list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return PageView.of(datasets.list(callers.current(), PageRequest.of(offset, limit)), DatasetView::of);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDataset", summary = "Get a dataset's description")
    @APIResponse(
            responseCode = "200",
            description = "The dataset",
            content = @Content(schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such dataset",
            content = @Content(mediaType = Responses.PROBLEM))
    public DatasetView get(@PathParam("id") String id) {
        return DatasetView.of(datasets.get(callers.current(), id));
    }

    @GET
    @Path("{id}/examples")
    @Operation(operationId = "listDatasetExamples", summary = "A page of a dataset's examples, in upload order")
    @APIResponse(
            responseCode = "404",
            description = "No such dataset",
            content = @Content(mediaType = Responses.PROBLEM))
    public PageView<ExampleView> examples(
            @PathParam("id") String id, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return PageView.of(datasets.examples(callers.current(), id, PageRequest.of(offset, limit)), ExampleView::of);
    }

    @DELETE
    @RolesAllowed(Role.Names.OPERATOR)
    @Path("{id}")
    @Operation(operationId = "deleteDataset", summary = "Delete a dataset that no run refers to")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such dataset",
            content = @Content(mediaType = Responses.PROBLEM))
    @APIResponse(
            responseCode = "409",
            description = "Runs refer to the dataset",
            content = @Content(mediaType = Responses.PROBLEM))
    public Response delete(@PathParam("id") String id) {
        datasets.delete(callers.current(), id);
        return Response.noContent().build();
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound, so that a client still sending
     * it gets the 413 answer instead of a reset connection; a larger rest is cut off.
     */
    private static void drain(InputStream body, long atMost) {
        byte[] buffer = new byte[8192];
        try {
            long left = atMost;
            for (int n; left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }
}
