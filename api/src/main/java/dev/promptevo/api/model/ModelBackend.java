package dev.promptevo.api.model;

import java.util.Optional;

/**
 * A model provider: OpenAI-compatible, Anthropic, Ollama, the simulator, or a team's own.
 *
 * @apiNote {@link #complete} is called concurrently from many (virtual) threads and must be
 *     thread-safe. It blocks until the answer is complete. Failures are reported as {@link
 *     BackendException}; any retrying happens inside the backend, never around it, so a call's
 *     cost is counted once.
 */
public interface ModelBackend {

    /** The plugin id of the provider that made this backend ({@code simulated}, {@code openai}). */
    String id();

    ModelResponse complete(ModelRequest request) throws BackendException;

    /**
     * The price of {@code model}, used before a call to reserve its worst-case cost against a budget.
     * Empty when the model is unknown: a budget in USD then refuses the call rather than guess.
     */
    Optional<ModelPrice> price(String model);
}
