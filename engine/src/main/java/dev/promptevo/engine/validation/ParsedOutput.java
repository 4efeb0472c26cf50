package dev.promptevo.engine.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JsonRepair} made of one raw model output.
 *
 * @param json the parsed object; empty when no JSON object could be recovered
 * @param normalizedText the object as canonical JSON when parsed, otherwise the text the strict parse
 *     last rejected (after the {@code Answer:} extraction and the repairs tried)
 * @param repairs how many kinds of repair were applied, each counted once
 * @param repairsApplied what each repair did, in a fixed order (fences first, trailing prose last)
 * @param parseError why nothing was parsed; empty exactly when {@code json} is present
 */
public record ParsedOutput(
        Optional<JsonNode> json,
        String normalizedText,
        int repairs,
        List<String> repairsApplied,
        Optional<String> parseError) {

    public ParsedOutput {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(normalizedText, "normalizedText");
        repairsApplied = List.copyOf(repairsApplied);
        Objects.requireNonNull(parseError, "parseError");
        if (repairs != repairsApplied.size()) {
            throw new IllegalArgumentException(
                    "repairs (" + repairs + ") must count repairsApplied (" + repairsApplied.size() + ")");
        }
        if (json.isPresent() == parseError.isPresent()) {
            throw new IllegalArgumentException("exactly one of json and parseError must be present");
        }
    }

    public boolean parsed() {
        return json.isPresent();
    }
}
