package dev.promptevo.executors.openai;

import java.net.URI;
import java.util.Locale;

/**
 * Which field carries the answer's token limit. OpenAI's own API wants {@code max_completion_tokens}
 * (its reasoning models refuse {@code max_tokens}); the compatible servers (vLLM, llama.cpp, LM Studio,
 * Ollama's {@code /v1}, most gateways) have long read {@code max_tokens}, and some ignore the newer
 * name. Sending both is refused by OpenAI's reasoning models, so exactly one is sent.
 */
enum MaxTokensParameter {
    /** {@code max_completion_tokens} for {@code api.openai.com}, {@code max_tokens} for any other host. */
    AUTO,
    MAX_TOKENS,
    MAX_COMPLETION_TOKENS;

    static MaxTokensParameter parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "max_tokens" -> MAX_TOKENS;
            case "max_completion_tokens" -> MAX_COMPLETION_TOKENS;
            default ->
                throw new IllegalArgumentException("the openai backend's setting '"
                        + OpenAiBackendProvider.MAX_TOKENS_PARAMETER
                        + "' must be auto, max_tokens or max_completion_tokens, got '" + value + "'");
        };
    }

    String field(URI baseUrl) {
        return switch (this) {
            case MAX_TOKENS -> "max_tokens";
            case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
            case AUTO -> "api.openai.com".equalsIgnoreCase(baseUrl.getHost()) ? "max_completion_tokens" : "max_tokens";
        };
    }
}
