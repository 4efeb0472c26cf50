package dev.promptevo.web.interfaces.rest.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
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

/**
 * A JSON body that is malformed or does not fit the expected shape: a 400 problem naming the field
 * (a dotted path such as {@code budget.maxCalls}) and what was expected there.
 */
@Provider
public class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return Problems.response(
                    uri,
                    400,
                    "malformed-json",
                    "Malformed JSON",
                    "the body is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()),
                    List.of(Problem.Error.field("(body)", e.getOriginalMessage())),
                    null);
        }
        String field = path(mapping);
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field" + known(unknown.getKnownPropertyIds()) + serverOnly(unknown.getPropertyName());
        } else if (e instanceof InvalidFormatException format) {
            message = "must be " + expected(format.getTargetType()) + ", got " + shown(format.getValue());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "must be " + expected(mismatched.getTargetType());
        } else {
            message = e.getOriginalMessage();
        }
        return Problems.response(
                uri,
                400,
                "invalid-input",
                "Invalid input",
                field + ": " + message,
                List.of(Problem.Error.field(field, message)),
                null);
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
