package dev.promptevo.executors.http;

import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse.FinishReason;
import dev.promptevo.api.model.TokenUsage;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One provider's wire format: how a {@link ModelRequest} becomes an HTTP request and how the answer
 * is read. {@link HttpModelBackend} does everything else (timeouts, retries, limits, prices, secrets),
 * so a protocol holds no retry logic of its own.
 *
 * @apiNote Implementations are immutable and thread-safe. They put the API key into the request with
 *     {@link ApiKey#addTo} and never into a message.
 */
public interface WireProtocol {

    /** The provider id, in messages and logs: {@code openai}. */
    String providerId();

    /**
     * The request for {@code request}: method, URI, headers (the API key included) and body. The
     * backend adds the request timeout and sends the same request again on a retry.
     */
    HttpRequest.Builder request(ModelRequest request);

    /**
     * Reads a 2xx body.
     *
     * @throws MalformedResponseException when it is not JSON or lacks the text, the usage or another
     *     field the answer needs
     */
    Completion parse(String body) throws MalformedResponseException;

    /**
     * Whether {@link #request} sends the request's seed to the provider, which then samples
     * reproducibly (as far as the provider promises): a seeded call may then be reused from the
     * evaluation cache. Protocols whose API has no seed say no.
     */
    default boolean sendsSeed() {
        return false;
    }

    /** The provider's own words in an error body ({@code error.message}), or the body itself. */
    String errorMessage(String body);

    /**
     * A provider-specific reading of a non-2xx answer: a clearer reason and whether to retry. Empty
     * for the generic reading, which retries 408, 409, 429 and 5xx and nothing else.
     */
    default Optional<Rejection> explain(int status, String body, ModelRequest request) {
        return Optional.empty();
    }

    /** What a 2xx answer said. */
    record Completion(String text, TokenUsage usage, FinishReason finishReason) {
        public Completion {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(finishReason, "finishReason");
        }
    }

    /** Why a call failed, in words for the user, and whether the same request may succeed later. */
    record Rejection(String reason, boolean retryable) {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * The prompt and the answer do not fit the model's context window: never retried, and the
         * reason says what to lower.
         *
         * @param limit the model's context window in tokens, when the provider said it
         */
        public static Rejection contextLength(String model, OptionalLong limit, String providerMessage) {
            String window = limit.isPresent() ? " (" + limit.getAsLong() + " tokens)" : "";
            return new Rejection(
                    "the prompt and the requested answer do not fit the context window of model '" + model + "'"
                            + window + ". Lower retriever_topk (fewer passages in the prompt), max_tokens, or the"
                            + " rubric's length. The provider said: " + providerMessage,
                    false);
        }
    }
}
