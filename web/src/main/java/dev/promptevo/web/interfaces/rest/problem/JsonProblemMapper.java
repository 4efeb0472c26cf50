package dev.promptevo.web.interfaces.rest.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON body that is malformed or does not fit the expected shape: a 400 problem naming the field
 * (a dotted path such as {@code budget.maxCalls}) and what was expected there.
 */
@Provider
public class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '([^']*)'");
    /** Where Jackson's own hints start: about its features, its sources, its markers. */
    private static final List<String> HINTS =
            List.of(" (start marker", " (for ", " (not recognized", ": enable", " at [Source", "[Source", "`");
    /** Names of classes, packages and features that a message for clients must not carry. */
    public static final Pattern INTERNAL =
            Pattern.compile("\\b(?:com|java|javax|jakarta|org)\\.[a-z]|Exception|FAIL_ON_|Feature|`");

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(JsonProcessingException e) {
        return Problems.response(problem(e, uri));
    }

    /** The problem a refused body is answered with. */
    static Problem problem(JsonProcessingException e, UriInfo uri) {
        JsonProcessingException cause =
                e.getCause() instanceof JsonProcessingException inner && !(inner instanceof JsonMappingException)
                        ? inner
                        : e;
        if (!(e instanceof JsonMappingException mapping) || cause != e && !(cause instanceof InputCoercionException)) {
            return malformed(uri, syntax(cause), cause.getLocation());
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")) {
            return malformed(uri, "trailing content after the JSON value", e.getLocation());
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("No content to map")) {
            return malformed(uri, "the body ends before a JSON value", null);
        }
        String field = path(mapping);
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field" + known(unknown.getKnownPropertyIds()) + serverOnly(unknown.getPropertyName());
        } else if (cause instanceof InputCoercionException range) {
            message = "must be " + expected(range.getTargetType()) + " in the range of a "
                    + (range.getTargetType() == Long.class || range.getTargetType() == long.class ? 64 : 32)
                    + "-bit integer";
        } else if (e instanceof InvalidFormatException format) {
            message = "must be " + expected(format.getTargetType()) + ", got " + shown(format.getValue());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "must be " + expected(mismatched.getTargetType());
        } else {
            // Jackson's other messages name its classes and features: nothing a client can act on.
            message = "does not have the expected form";
        }
        return Problems.problem(
                uri,
                400,
                "invalid-input",
                "Invalid input",
                field + ": " + message,
                List.of(Problem.Error.field(field, message)),
                null);
    }

    private static Problem malformed(UriInfo uri, String reason, JsonLocation location) {
        return Problems.problem(
                uri,
                400,
                "malformed-json",
                "Malformed JSON",
                "the body is not valid JSON: " + reason + where(location),
                List.of(Problem.Error.field("(body)", reason)),
                null);
    }

    /**
     * What is wrong with a body that is not JSON, for a client: Jackson's message without its hints
     * about parser features and sources ("enable `JsonReadFeature.ALLOW_...`", "[Source: ...]").
     */
    public static String syntax(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return original.contains("nesting depth")
                    ? "it is nested too deeply (at most " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels)"
                    : original.startsWith("Number")
                            ? "a number has too many digits (at most " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + ")"
                            : "a value is longer than the server reads";
        }
        Matcher nonStandard = NON_STANDARD.matcher(original);
        if (nonStandard.find()) {
            return "'" + nonStandard.group(1) + "' is not a JSON value";
        }
        String first = original.lines().findFirst().orElse("");
        for (String hint : HINTS) {
            int at = first.indexOf(hint);
            if (at >= 0) {
                first = first.substring(0, at);
            }
        }
        first = first.strip();
        if (first.isEmpty() || INTERNAL.matcher(first).find()) {
            return "unexpected content";
        }
        return Character.toLowerCase(first.charAt(0)) + first.substring(1);
    }

    /** The dotted path of the field an error is about ({@code budget.maxCalls}, {@code searchSpace[2]}). */
    public static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    /**
     * A request that tries to name a backend's address or credentials gets told where they come from:
     * the server never takes a URL or a key from a client (no server-side request forgery).
     */
    public static String serverOnly(String field) {
        String name =
                field == null ? "" : field.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        boolean backendSetting =
                List.of("url", "uri", "endpoint", "host", "key", "secret", "backend", "settings").stream()
                        .anyMatch(name::contains);
        return backendSetting
                ? "; backend base URLs and API keys come from server configuration only"
                        + " (promptevo.backends.<id>.*), never from a request"
                : "";
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        TreeSet<String> names = new TreeSet<>();
        ids.forEach(id -> names.add(String.valueOf(id)));
        return " (known: " + names + ")";
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a JSON object";
    }

    private static String shown(Object value) {
        if (value instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        return String.valueOf(value);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
