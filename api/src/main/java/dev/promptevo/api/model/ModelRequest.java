package dev.promptevo.api.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One call to a model.
 *
 * @param model the backend's model name
 * @param seed a sampling seed where the provider supports one; PromptEvo always sets it so runs replay
 * @param jsonOutput ask for a JSON object where the provider has such a mode
 * @param metadata tracing attributes ({@code purpose}, {@code example.id}, {@code genome.id}); real
 *     backends must not send them to the provider's prompt; the simulated backend reads them to find
 *     the ground truth it imitates
 */
public record ModelRequest(
        String model,
        List<ChatMessage> messages,
        double temperature,
        int maxTokens,
        OptionalLong seed,
        boolean jsonOutput,
        Map<String, String> metadata) {

    public static final String PURPOSE = "purpose";
    public static final String PURPOSE_TASK = "task";
    public static final String PURPOSE_RUBRIC_REWRITE = "rubric-rewrite";
    public static final String EXAMPLE_ID = "example.id";
    public static final String GENOME_ID = "genome.id";

    public ModelRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        Objects.requireNonNull(seed, "seed");
        metadata = Map.copyOf(metadata);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one message");
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
    }

    /** The text of every message joined, for estimating prompt size. */
    public String promptText() {
        StringBuilder text = new StringBuilder();
        messages.forEach(m -> text.append(m.content()).append('\n'));
        return text.toString();
    }

    public String purpose() {
        return metadata.getOrDefault(PURPOSE, PURPOSE_TASK);
    }
}
