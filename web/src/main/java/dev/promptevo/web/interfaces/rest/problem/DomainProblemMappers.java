package dev.promptevo.web.interfaces.rest.problem;

import dev.promptevo.web.domain.ConflictException;
import dev.promptevo.web.domain.InvalidInputException;
import dev.promptevo.web.domain.UnknownEntityException;
import dev.promptevo.web.domain.dataset.InvalidDatasetException;
import dev.promptevo.web.domain.dataset.UploadTooLargeException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The domain's exceptions as RFC 9457 problems: each a 4xx naming what is wrong. */
public final class DomainProblemMappers {
    private DomainProblemMappers() {}

    @Provider
    public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(InvalidInputException e) {
            return Problems.response(
                    uri,
                    400,
                    "invalid-input",
                    "Invalid input",
                    Problems.forClients(e.getMessage()),
                    e.violations().stream()
                            .map(v -> Problem.Error.field(v.field(), Problems.forClients(v.message())))
                            .toList(),
                    null);
        }
    }

    @Provider
    public static class InvalidDataset implements ExceptionMapper<InvalidDatasetException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(InvalidDatasetException e) {
            return Problems.response(
                    uri,
                    400,
                    "invalid-dataset",
                    "Invalid dataset lines",
                    Problems.forClients(e.getMessage()) + "; nothing was stored",
                    e.violations().stream()
                            .map(v -> Problem.Error.line(v.line(), Problems.forClients(v.message())))
                            .toList(),
                    e.truncated() ? Boolean.TRUE : null);
        }
    }

    @Provider
    public static class TooLarge implements ExceptionMapper<UploadTooLargeException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(UploadTooLargeException e) {
            return Problems.response(
                    uri,
                    413,
                    "body-too-large",
                    "Body too large",
                    e.getMessage() + " (server setting promptevo.datasets.max-bytes); nothing was stored");
        }
    }

    @Provider
    public static class UnknownEntity implements ExceptionMapper<UnknownEntityException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(UnknownEntityException e) {
            return Problems.response(uri, 404, "not-found", "Not found", e.getMessage());
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(ConflictException e) {
            return Problems.response(uri, 409, "conflict", "Conflict", e.getMessage());
        }
    }
}
