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

    /**
     * Whether {@code request} is answered the same way every time it is sent (the same text, usage,
     * latency and cost as reported), so that a stored answer may stand in for a new call; and if so,
     * what besides the request decides that answer.
     *
     * <p>What counts as the same answer is the backend's promise: the simulator's answer is a pure
     * function of its seed, its parameters, its known examples and the request, so it always
     * replays; a provider decoding greedily (temperature 0), or sampling with a seed it honours, is
     * asked for a reproducible answer and may say so, although providers only approximate that.
     *
     * @return empty when two calls with this request may be answered differently (the default: nothing
     *     is reused unless a backend says so); otherwise a fingerprint of the backend's configuration
     *     that, with the request, decides the answer (e.g. the simulator's seed and parameters, a
     *     provider's id and base URL), so a stored answer is only reused by a backend set up alike. It
     *     must not contain secrets.
     */
    default Optional<String> replayScope(ModelRequest request) {
        return Optional.empty();
    }
}
