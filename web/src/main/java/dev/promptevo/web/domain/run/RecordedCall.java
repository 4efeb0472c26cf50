package dev.promptevo.web.domain.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.web.domain.JsonText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A model call a running run completed since its last checkpoint: the request's key (the SHA-256 of
 * the whole request, {@link dev.promptevo.engine.execution.CacheKey}) and what the backend answered,
 * or how it failed. A resumed run answers the same request from here instead of sending it again:
 * it is the answer this run already received and paid for, whatever the backend or temperature.
 */
@Entity
@Table(name = "run_call")
public class RecordedCall {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "run_id", nullable = false, length = 36)
    private String runId;

    @Column(name = "request_key", nullable = false, length = 64)
    private String requestKey;

    @Column(name = "outcome_json", nullable = false)
    private String outcomeJson;

    @Column(name = "recorded_at", nullable = false)
    private OffsetDateTime recordedAt;

    protected RecordedCall() {}

    private RecordedCall(String runId, String requestKey, Map<String, Object> outcome, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.runId = Objects.requireNonNull(runId, "runId");
        this.requestKey = Objects.requireNonNull(requestKey, "requestKey");
        this.outcomeJson = JsonText.write(outcome);
        this.recordedAt = now.atOffset(ZoneOffset.UTC);
    }

    /** A call the backend answered. */
    public static RecordedCall answered(String runId, String requestKey, ModelResponse response, Instant now) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("text", response.text());
        outcome.put("promptTokens", response.usage().promptTokens());
        outcome.put("completionTokens", response.usage().completionTokens());
        outcome.put("latencyMs", response.latencyMs());
        outcome.put("finishReason", response.finishReason().name());
        outcome.put("costUsd", response.costUsd());
        return new RecordedCall(runId, requestKey, outcome, now);
    }

    /** A call the backend refused or failed (timeouts, rate limits after the backend's own retries). */
    public static RecordedCall failed(String runId, String requestKey, BackendException failure, Instant now) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("failure", String.valueOf(failure.getMessage()));
        outcome.put("retryable", failure.retryable());
        outcome.put("costUsd", failure.costUsd());
        return new RecordedCall(runId, requestKey, outcome, now);
    }

    /**
     * The call's outcome again, as the backend gave it.
     *
     * @throws BackendException for a call that failed, with the message, retryability and cost it had
     */
    public ModelResponse replay() throws BackendException {
        JsonNode outcome = JsonText.tree(outcomeJson);
        if (outcome.has("failure")) {
            throw new BackendException(
                    outcome.path("failure").asText(),
                    outcome.path("retryable").asBoolean(),
                    outcome.path("costUsd").asDouble(),
                    null);
        }
        return new ModelResponse(
                outcome.path("text").asText(),
                new TokenUsage(
                        outcome.path("promptTokens").asLong(),
                        outcome.path("completionTokens").asLong()),
                outcome.path("latencyMs").asDouble(),
                ModelResponse.FinishReason.valueOf(outcome.path("finishReason").asText()),
                outcome.path("costUsd").asDouble());
    }

    public String runId() {
        return runId;
    }

    public String requestKey() {
        return requestKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedCall other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
