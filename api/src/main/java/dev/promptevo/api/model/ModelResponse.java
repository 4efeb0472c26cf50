package dev.promptevo.api.model;

import java.util.Objects;

/**
 * What a model answered.
 *
 * @param latencyMs wall time of the call as the backend measured (or, when simulated, modelled) it
 * @param costUsd the price of this call from the backend's price table
 */
public record ModelResponse(
        String text, TokenUsage usage, double latencyMs, FinishReason finishReason, double costUsd) {

    public enum FinishReason {
        /** The model ended its answer. */
        STOP,
        /** The answer was cut at {@code maxTokens}. */
        LENGTH,
        /** The provider filtered the answer. */
        CONTENT_FILTER,
        OTHER
    }

    public ModelResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
        if (latencyMs < 0 || costUsd < 0) {
            throw new IllegalArgumentException("latency and cost must be >= 0");
        }
    }
}
