package dev.promptevo.executors.anthropic;

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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Messages API: {@code POST {base-url}/v1/messages} with the headers {@code x-api-key} and {@code
 * anthropic-version}.
 *
 * <p>Sent: {@code model}, {@code max_tokens} (required by the API), the system messages joined by a
 * blank line as the top-level {@code system} field, the user and assistant messages in order (a
 * request of system messages alone sends them as one user message, since the API needs one), and
 * {@code temperature} clamped to Anthropic's [0, 1]: 0 to 1 mean what they mean for OpenAI, and
 * anything above 1 is sent as 1 (clamped rather than scaled, so that a temperature means the same on
 * every backend where both accept it). Not sent: the seed (the API has none), a JSON mode (it has none
 * either: under {@code jsonOutput} the prompt alone asks for JSON, as PromptEvo's rubrics do), and the
 * request's metadata.
 *
 * <p>Read: the {@code text} blocks of {@code content}, joined; {@code stop_reason} (end_turn and
 * stop_sequence are STOP, max_tokens and model_context_window_exceeded LENGTH, refusal
 * CONTENT_FILTER); {@code usage.input_tokens} (plus the prompt-cache counts when present) and {@code
 * usage.output_tokens}. An overloaded API (529 {@code overloaded_error}) is retried like any 5xx.
 */
final class AnthropicProtocol implements WireProtocol {
    private static final System.Logger LOG = System.getLogger(AnthropicProtocol.class.getName());
    private static final double MAX_TEMPERATURE = 1.0;
    private static final Pattern CONTEXT_MESSAGE = Pattern.compile(
            "prompt is too long|exceed context limit|context window|context length", Pattern.CASE_INSENSITIVE);
    /** "prompt is too long: 208310 tokens > 200000 maximum", "... 198000 + 8192 > 200000, decrease ...". */
    private static final Pattern CONTEXT_LIMIT = Pattern.compile(">\\s*(\\d+)");

    private final HttpBackendSettings settings;
    private final URI endpoint;
    private final String version;
    private final AtomicBoolean clampReported = new AtomicBoolean();

    AnthropicProtocol(HttpBackendSettings settings) {
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl() + "/v1/messages");
        this.version = settings.providerSetting(AnthropicBackendProvider.ANTHROPIC_VERSION)
                .map(String::strip)
                .orElse(AnthropicBackendProvider.DEFAULT_ANTHROPIC_VERSION);
    }

    @Override
    public String providerId() {
        return AnthropicBackendProvider.ID;
    }

    @Override
    public HttpRequest.Builder request(ModelRequest request) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens());
        String system = request.messages().stream()
                .filter(m -> m.role() == ChatMessage.Role.SYSTEM)
                .map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
        List<ChatMessage> turns = request.messages().stream()
                .filter(m -> m.role() != ChatMessage.Role.SYSTEM)
                .toList();
        ArrayNode messages = body.putArray("messages");
        if (turns.isEmpty()) {
            messages.addObject().put("role", "user").put("content", system);
        } else {
            if (!system.isEmpty()) {
                body.put("system", system);
            }
            for (ChatMessage turn : turns) {
                messages.addObject()
                        .put("role", turn.role().name().toLowerCase(Locale.ROOT))
                        .put("content", turn.content());
            }
        }
        body.put("temperature", temperature(request.temperature()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("anthropic-version", version)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        settings.apiKey().addTo(builder, "x-api-key", "");
        return builder;
    }

    @Override
    public Completion parse(String body) throws MalformedResponseException {
        JsonNode root = Json.parseObject(body);
        JsonNode content = Json.require(root, "/content");
        if (!content.isArray()) {
            throw new MalformedResponseException("/content is not an array");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText(""));
            }
        }
        long input = Json.requireCount(root, "/usage/input_tokens")
                + root.at("/usage/cache_creation_input_tokens").asLong(0)
                + root.at("/usage/cache_read_input_tokens").asLong(0);
        TokenUsage usage = new TokenUsage(input, Json.requireCount(root, "/usage/output_tokens"));
        return new Completion(
                text.toString(), usage, finishReason(root.path("stop_reason").asText("")));
    }

    @Override
    public String errorMessage(String body) {
        return Json.firstText(body, "/error/message", "/message");
    }

    @Override
    public Optional<Rejection> explain(int status, String body, ModelRequest request) {
        String message = errorMessage(body);
        if (status == 400 && CONTEXT_MESSAGE.matcher(message).find()) {
            Matcher limit = CONTEXT_LIMIT.matcher(message);
            OptionalLong window = limit.find() ? OptionalLong.of(Long.parseLong(limit.group(1))) : OptionalLong.empty();
            return Optional.of(Rejection.contextLength(request.model(), window, message));
        }
        return Optional.empty();
    }

    static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private double temperature(double requested) {
        if (requested <= MAX_TEMPERATURE) {
            return requested;
        }
        if (clampReported.compareAndSet(false, true)) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "anthropic: temperatures above 1 are sent as 1, Anthropic''s maximum (first seen: {0})",
                    requested);
        }
        return MAX_TEMPERATURE;
    }
}
