package dev.promptevo.executors.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse.FinishReason;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.executors.http.HttpBackendSettings;
import dev.promptevo.executors.http.Json;
import dev.promptevo.executors.http.MalformedResponseException;
import dev.promptevo.executors.http.WireProtocol;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ollama's native chat API: {@code POST {base-url}/api/chat} with {@code stream: false}.
 *
 * <p>Sent: {@code model}, {@code messages}, {@code options} ({@code temperature}, {@code num_predict}
 * = max tokens, {@code seed} when the request has one, {@code num_ctx} when the setting is given),
 * {@code format: "json"} when the request asks for JSON, and {@code truncate: false}, so a prompt too
 * long for the context window is an error instead of being cut silently from its front (which would
 * drop the rubric first); the setting {@code truncate-prompt=true} gives Ollama's own behaviour back.
 * The key, when one is set (Ollama's cloud, or a proxy), goes as {@code Authorization: Bearer}.
 *
 * <p>Read: {@code message.content}, {@code done_reason} (stop, length; anything else is OTHER), {@code
 * prompt_eval_count} (0 when absent: older Ollama versions leave it out when the whole prompt came from
 * their cache) and {@code eval_count}.
 */
final class OllamaProtocol implements WireProtocol {
    private static final Pattern CONTEXT_MESSAGE = Pattern.compile(
            "exceed_context_size_error|context size|context length|context window", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTEXT_LIMIT = Pattern.compile("context size \\((\\d+) tokens\\)");

    private final HttpBackendSettings settings;
    private final URI endpoint;
    private final OptionalInt contextWindow;
    private final boolean truncatePrompt;

    OllamaProtocol(HttpBackendSettings settings) {
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl() + "/api/chat");
        this.contextWindow = settings.providerSetting(OllamaBackendProvider.NUM_CTX)
                .map(OllamaProtocol::contextWindow)
                .orElse(OptionalInt.empty());
        this.truncatePrompt = settings.providerSetting(OllamaBackendProvider.TRUNCATE_PROMPT)
                .map(OllamaProtocol::bool)
                .orElse(false);
    }

    @Override
    public String providerId() {
        return OllamaBackendProvider.ID;
    }

    @Override
    public boolean sendsSeed() {
        return true;
    }

    @Override
    public HttpRequest.Builder request(ModelRequest request) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject()
                    .put("role", message.role().name().toLowerCase(Locale.ROOT))
                    .put("content", message.content());
        }
        body.put("stream", false);
        if (request.jsonOutput()) {
            body.put("format", "json");
        }
        if (!truncatePrompt) {
            body.put("truncate", false);
        }
        ObjectNode options = body.putObject("options");
        options.put("temperature", request.temperature());
        options.put("num_predict", request.maxTokens());
        request.seed().ifPresent(seed -> options.put("seed", seed));
        contextWindow.ifPresent(tokens -> options.put("num_ctx", tokens));
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        settings.apiKey().addTo(builder, "Authorization", "Bearer ");
        return builder;
    }

    @Override
    public Completion parse(String body) throws MalformedResponseException {
        JsonNode root = Json.parseObject(body);
        String text = Json.require(root, "/message/content").asText();
        JsonNode promptCount = root.path("prompt_eval_count");
        long prompt = promptCount.isMissingNode() ? 0 : Json.requireCount(root, "/prompt_eval_count");
        TokenUsage usage = new TokenUsage(prompt, Json.requireCount(root, "/eval_count"));
        return new Completion(text, usage, finishReason(root.path("done_reason").asText("")));
    }

    /**
     * Ollama's {@code error} string; when it wraps the runner's own JSON error (as for a context
     * overflow), that error's message.
     */
    @Override
    public String errorMessage(String body) {
        String error = Json.firstText(body, "/error");
        return Json.text(runnerError(error), "/message").orElse(error);
    }

    @Override
    public Optional<Rejection> explain(int status, String body, ModelRequest request) {
        String error = Json.firstText(body, "/error");
        if ((status == 400 || status == 500) && CONTEXT_MESSAGE.matcher(error).find()) {
            return Optional.of(Rejection.contextLength(request.model(), limit(error), errorMessage(body)));
        }
        return Optional.empty();
    }

    static FinishReason finishReason(String doneReason) {
        return switch (doneReason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    /** The runner's {@code {"error": {...}}} inside Ollama's error string, or a missing node. */
    private static JsonNode runnerError(String error) {
        if (error.startsWith("{")) {
            try {
                return Json.parseObject(error).path("error");
            } catch (MalformedResponseException e) {
                // plain text after all
            }
        }
        return Json.mapper().missingNode();
    }

    private static OptionalLong limit(String error) {
        Matcher matcher = CONTEXT_LIMIT.matcher(error);
        if (matcher.find()) {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        }
        JsonNode nCtx = runnerError(error).path("n_ctx");
        return nCtx.canConvertToExactIntegral() ? OptionalLong.of(nCtx.asLong()) : OptionalLong.empty();
    }

    private static OptionalInt contextWindow(String value) {
        try {
            int tokens = Integer.parseInt(value.strip());
            if (tokens >= 1) {
                return OptionalInt.of(tokens);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the ollama backend's setting '" + OllamaBackendProvider.NUM_CTX
                + "' must be a whole number of tokens >= 1, got '" + value + "'");
    }

    private static boolean bool(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return v.equalsIgnoreCase("true");
        }
        throw new IllegalArgumentException("the ollama backend's setting '" + OllamaBackendProvider.TRUNCATE_PROMPT
                + "' must be true or false, got '" + value + "'");
    }
}
