package dev.promptevo.api.task;

import java.util.List;
import java.util.Objects;

/**
 * What the LLM must do and how its output is judged.
 *
 * @param promptTemplate the user message; {@code {{input}}} is replaced by the example's input and
 *     {@code {{context}}} by the retrieved passages (empty when none)
 * @param outputSchemaJson the JSON Schema every output must match
 * @param documents passages the retriever may draw on (may be empty)
 * @param safetyPatterns regular expressions an output must not match (each match is a safety flag)
 */
public record Task(
        String id,
        String name,
        String promptTemplate,
        String outputSchemaJson,
        Gates gates,
        ScoringWeights weights,
        List<Document> documents,
        List<SafetyPattern> safetyPatterns) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(promptTemplate, "promptTemplate");
        Objects.requireNonNull(outputSchemaJson, "outputSchemaJson");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(weights, "weights");
        if (!promptTemplate.contains("{{input}}")) {
            throw new IllegalArgumentException("the prompt template of task " + id + " must contain {{input}}");
        }
        documents = List.copyOf(documents);
        safetyPatterns = List.copyOf(safetyPatterns);
    }

    /** The template with both placeholders filled. */
    public String render(String input, String context) {
        return promptTemplate.replace("{{context}}", context).replace("{{input}}", input);
    }

    /** A named pattern whose match in an output raises a safety flag. */
    public record SafetyPattern(String id, String regex) {
        public SafetyPattern {
            Objects.requireNonNull(id, "id");
            java.util.regex.Pattern.compile(regex); // fail at load time, not mid-run
        }
    }
}
