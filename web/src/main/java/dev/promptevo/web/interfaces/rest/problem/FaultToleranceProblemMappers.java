package dev.promptevo.web.interfaces.rest.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * MicroProfile Fault Tolerance's refusals as RFC 9457 problems: the server's own limits, not client
 * mistakes, and not failures (no 500).
 */
public final class FaultToleranceProblemMappers {
    /** Seconds a client refused by a full bulkhead waits: one invocation takes about that long. */
    static final int RETRY_AFTER_SECONDS = 1;

    private FaultToleranceProblemMappers() {}

    /** A full bulkhead: 503 with {@code Retry-After}; the method did not run, so nothing was written. */
    @Provider
    public static class Busy implements ExceptionMapper<BulkheadException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(BulkheadException e) {
            return Response.fromResponse(Problems.response(
                            uri,
                            503,
                            "busy",
                            "Too many requests in flight",
                            "the server is handling as many of these requests as it allows; try again in "
                                    + RETRY_AFTER_SECONDS + " s (nothing was done)"))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
    }

    /** A request that ran past its time limit: 504 (the model behind it did not answer in time). */
    @Provider
    public static class TimedOut implements ExceptionMapper<TimeoutException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(TimeoutException e) {
            return Problems.response(
                    uri, 504, "timeout", "Timed out", "the request took longer than the server allows and was stopped");
        }
    }
}
