package dev.promptevo.web.interfaces.rest.problem;

import dev.promptevo.web.domain.deployment.DecisionRejectedException;
import dev.promptevo.web.domain.deployment.InvocationFailedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** The deployments' own failures as RFC 9457 problems. */
public final class DeploymentProblemMappers {
    private DeploymentProblemMappers() {}

    /**
     * A decision id a reward cannot use: 404 when the server did not issue it (malformed, tampered
     * with, or of a deployment the caller cannot see), 410 when it has expired. Both name the field
     * {@code decisionId} (the path segment).
     */
    @Provider
    public static class DecisionRejected implements ExceptionMapper<DecisionRejectedException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(DecisionRejectedException e) {
            boolean expired = e.reason() == DecisionRejectedException.Reason.EXPIRED;
            return Problems.response(
                    uri,
                    expired ? 410 : 404,
                    expired ? "decision-expired" : "unknown-decision",
                    expired ? "Decision expired" : "Unknown decision",
                    e.getMessage(),
                    List.of(Problem.Error.field("decisionId", e.getMessage())),
                    null);
        }
    }

    /** The backend could not answer an invocation: 502, with the decision it was routed by. */
    @Provider
    public static class InvocationFailed implements ExceptionMapper<InvocationFailedException> {
        @Context
        private UriInfo uri;

        @Override
        public Response toResponse(InvocationFailedException e) {
            return Problems.response(
                    uri,
                    502,
                    "invocation-failed",
                    "The backend could not answer",
                    e.getMessage() + " (decision " + e.decisionId() + "; nothing was rewarded)");
        }
    }
}
