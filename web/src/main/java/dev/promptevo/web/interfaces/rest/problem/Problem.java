package dev.promptevo.web.interfaces.rest.problem;

import java.util.List;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type a URN naming the kind of problem ({@code urn:promptevo:problem:invalid-input})
 * @param errors what exactly is wrong: a field (a dotted path into the body, or a parameter name) or
 *     a line of an upload, and why; absent when the problem is not about the input's content
 * @param truncated true when more errors exist than {@code errors} lists
 */
public record Problem(
        String type, String title, int status, String detail, String instance, List<Error> errors, Boolean truncated) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String URN = "urn:promptevo:problem:";

    /** One thing wrong with the input: a {@code field} or a {@code line}. */
    public record Error(String field, Long line, String message) {
        public static Error field(String field, String message) {
            return new Error(field, null, message);
        }

        public static Error line(long line, String message) {
            return new Error(null, line, message);
        }
    }
}
