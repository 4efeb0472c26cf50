package dev.promptevo.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-field agreement of an output with the expected output.
 *
 * <p>Each top-level field of the expected object is one point: it scores when the output has the
 * field with an equal value (strings exactly, numbers by value so {@code 3} equals {@code 3.0},
 * nested objects and arrays as a whole). Fields the output adds do not change the accuracy.
 */
public final class FieldAccuracy {
    private FieldAccuracy() {}

    /**
     * @param accuracy share of the expected fields matched, in [0, 1]; 1 when nothing is expected
     * @param exact every expected field matched and the output has no other field
     * @param mismatches one line per unmatched field: {@code field priority: expected "high", got
     *     "medium"}, or {@code got nothing} when the field is missing
     */
    public record Result(double accuracy, boolean exact, List<String> mismatches) {
        public Result {
            if (!(accuracy >= 0 && accuracy <= 1)) {
                throw new IllegalArgumentException("accuracy must be in [0, 1], got " + accuracy);
            }
            mismatches = List.copyOf(mismatches);
        }
    }

    /**
     * Scores {@code actual} against {@code expected}. When {@code expected} is not an object the two
     * are compared whole; when {@code actual} is not an object, every expected field is missing.
     */
    public static Result score(JsonNode expected, JsonNode actual) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        if (!expected.isObject()) {
            boolean same = Jsons.equivalent(expected, actual);
            return new Result(
                    same ? 1.0 : 0.0,
                    same,
                    same ? List.of() : List.of("expected " + render(expected) + ", got " + render(actual)));
        }
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : expected.properties()) {
            JsonNode value = actual.isObject() ? actual.get(field.getKey()) : null;
            if (value == null || !Jsons.equivalent(field.getValue(), value)) {
                mismatches.add("field " + field.getKey() + ": expected " + render(field.getValue()) + ", got "
                        + (value == null ? "nothing" : render(value)));
            }
        }
        int fields = expected.size();
        double accuracy = fields == 0 ? 1.0 : (double) (fields - mismatches.size()) / fields;
        boolean exact = mismatches.isEmpty() && actual.isObject() && actual.size() == fields;
        return new Result(accuracy, exact, mismatches);
    }

    private static String render(JsonNode value) {
        return value.isMissingNode() ? "nothing" : Jsons.canonical(value);
    }
}
