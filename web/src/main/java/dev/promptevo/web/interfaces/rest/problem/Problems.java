package dev.promptevo.web.interfaces.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.regex.Pattern;

/** Builds problem responses. */
final class Problems {
    /** A Java exception's class name as its {@code toString()} puts it before its message. */
    private static final Pattern EXCEPTION_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    /**
     * Jackson's asides in a message that the engine passes on (a dataset line's "not valid JSON: ..."):
     * where the source is, which feature or constraint to change, always in backticks or brackets.
     */
    private static final Pattern JACKSON_HINT =
            Pattern.compile("\\s*\\((?:start marker at|for [A-Za-z]+ starting at) \\[Source:[^\\]]*]\\)"
                    + "|\\s*\\((?:[^()`]|\\([^()]*\\))*`[^`]*`(?:[^()]|\\([^()]*\\))*\\)"
                    + "|[:;,]?\\s*enable\\s+`[^`]*`(?:\\s+to allow)?"
                    + "|\\s*\\[Source:[^\\]]*]"
                    + "|`[^`]*`");

    private Problems() {}

    /**
     * A message for clients without the exception class names that a wrapped library exception
     * brings along ("cannot be compiled: java.net.MalformedURLException: unknown protocol: foo"
     * becomes "cannot be compiled: unknown protocol: foo").
     */
    static String forClients(String message) {
        return message == null
                ? null
                : JACKSON_HINT
                        .matcher(EXCEPTION_NAME.matcher(message).replaceAll(""))
                        .replaceAll("");
    }

    static Response response(
            UriInfo uri,
            int status,
            String slug,
            String title,
            String detail,
            List<Problem.Error> errors,
            Boolean truncated) {
        return response(problem(uri, status, slug, title, detail, errors, truncated));
    }

    static Response response(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    static Problem problem(
            UriInfo uri,
            int status,
            String slug,
            String title,
            String detail,
            List<Problem.Error> errors,
            Boolean truncated) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        return new Problem(
                Problem.URN + slug,
                title,
                status,
                detail,
                instance,
                errors == null || errors.isEmpty() ? null : errors,
                truncated);
    }

    static Response response(UriInfo uri, int status, String slug, String title, String detail) {
        return response(uri, status, slug, title, detail, null, null);
    }
}
