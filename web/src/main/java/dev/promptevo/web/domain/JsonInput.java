package dev.promptevo.web.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads fields of a JSON document strictly and collects every violation, each naming its field by a
 * dotted path, so that a client learns all that is wrong with a body in one answer.
 */
public final class JsonInput {
    /** PostgreSQL cannot store U+0000 in a text column, and no name, key or prompt needs it. */
    public static final String NO_NUL = "must not contain the character U+0000";

    private final List<Violation> violations = new ArrayList<>();

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    /** Throws an {@link InvalidInputException} with everything collected so far, if anything was. */
    public void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    public static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** Whether {@code node} is an object; records a violation at {@code path} when it is not. */
    public boolean object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            add(path.isEmpty() ? "(body)" : path, "must be a JSON object, got " + describe(node));
            return false;
        }
        return true;
    }

    /** Records every field of {@code node} that is not in {@code known}. */
    public void onlyKnown(JsonNode node, String path, Set<String> known) {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                add(path(path, name), "unknown field (known: " + new TreeSet<>(known) + ")");
            }
        }
    }

    public Optional<String> text(JsonNode parent, String path, String field, boolean required, int maxLength) {
        JsonNode value = parent.get(field);
        String where = path(path, field);
        if (value == null || value.isNull()) {
            if (required) {
                add(where, "is required (a non-empty string)");
            }
            return Optional.empty();
        }
        if (!value.isTextual()) {
            add(where, "must be a string, got " + describe(value));
            return Optional.empty();
        }
        if (required && value.textValue().isBlank()) {
            add(where, "must not be blank");
            return Optional.empty();
        }
        if (value.textValue().indexOf('\0') >= 0) {
            add(where, NO_NUL);
            return Optional.empty();
        }
        if (value.textValue().length() > maxLength) {
            add(
                    where,
                    "must have at most " + maxLength + " characters, got "
                            + value.textValue().length());
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    public OptionalDouble number(JsonNode parent, String path, String field, double min, double max) {
        JsonNode value = parent.get(field);
        String where = path(path, field);
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            add(where, "must be a number, got " + describe(value));
            return OptionalDouble.empty();
        }
        double v = value.doubleValue();
        if (!(v >= min && v <= max)) {
            add(where, "must be in [" + format(min) + ", " + format(max) + "], got " + value);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(v);
    }

    public Optional<Long> integer(JsonNode parent, String path, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            add(path(path, field), "must be a whole number, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }

    public Optional<Boolean> bool(JsonNode parent, String path, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            add(path(path, field), "must be true or false, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value.booleanValue());
    }

    /** The array at {@code field}, or empty (with a violation when it is present but not an array). */
    public Optional<JsonNode> array(JsonNode parent, String path, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            add(path(path, field), "must be an array, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public List<String> strings(JsonNode parent, String path, String field) {
        List<String> out = new ArrayList<>();
        array(parent, path, field).ifPresent(array -> {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual() && !item.textValue().isBlank()) {
                    out.add(item.textValue());
                } else {
                    add(index(path(path, field), i), "must be a non-empty string, got " + describe(item));
                }
            }
        });
        return out;
    }

    /** A short description of a JSON value for messages: its type, and the value when it is short. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String type = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        String text = node.toString();
        return text.length() <= 40 ? type + " " + text : type;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
