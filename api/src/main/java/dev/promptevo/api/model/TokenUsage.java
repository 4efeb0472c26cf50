package dev.promptevo.api.model;

/** Tokens a call consumed, as the provider counted them. */
public record TokenUsage(long promptTokens, long completionTokens) {
    public TokenUsage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    public long total() {
        return promptTokens + completionTokens;
    }
}
