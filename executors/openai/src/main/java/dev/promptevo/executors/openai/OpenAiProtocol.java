package dev.promptevo.executors.openai;

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
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chat Completions wire protocol: {@code POST {base-url}/chat/completions} with the key as {@code
 * Authorization: Bearer} (or, with the setting {@code auth-header}, bare in another header).
 *
 * <p>Sent: {@code model}, {@code messages} (system, user, assistant), {@code temperature}, the token
 * limit as {@code max_completion_tokens} or {@code max_tokens} (see {@link MaxTokensParameter}),
 * {@code seed} when the request has one, and {@code response_format: {"type": "json_object"}} when it
 * asks for JSON. Never sent: the request's metadata, a {@code user} field, tools, {@code n}.
 *
 * <p>Read: {@code choices[0].message.content} (null or absent content is an empty text), {@code
 * choices[0].finish_reason} (stop, length, content_filter; anything else is OTHER), {@code
 * usage.prompt_tokens} and {@code usage.completion_tokens}: a 2xx answer without choices or usage is
 * malformed.
 */
final class OpenAiProtocol implements WireProtocol {
    /** A 400 whose message says the prompt is too long, in OpenAI's, vLLM's and llama.cpp's words. */
    private static final Pattern CONTEXT_MESSAGE = Pattern.compile(
            "maximum context length|context length|context window|exceeds? the available context size",
            Pattern.CASE_INSENSITIVE);

    /** The window in OpenAI's and vLLM's words, then in llama.cpp's. */
    private static final Pattern CONTEXT_LIMIT =
            Pattern.compile("maximum context length is\\s*(\\d+)|context size \\((\\d+) tokens\\)");

    private final HttpBackendSettings settings;
    private final URI endpoint;
    private final String authHeader;
    private final String maxTokensField;

    OpenAiProtocol(HttpBackendSettings settings) {
        this.settings = settings;
        this.endpoint = URI.create(settings.baseUrl() + "/chat/completions");
        this.authHeader = settings.providerSetting(OpenAiBackendProvider.AUTH_HEADER)
                .map(String::strip)
                .orElse(OpenAiBackendProvider.DEFAULT_AUTH_HEADER);
        this.maxTokensField = MaxTokensParameter.parse(
                        settings.providerSetting(OpenAiBackendProvider.MAX_TOKENS_PARAMETER)
                                .orElse("auto"))
                .field(settings.baseUrl());
    }

    @Override
    public String providerId() {
        return OpenAiBackendProvider.ID;
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
            messages.addObject().put("role", role(message.role())).put("content", message.content());
        }
        body.put("temperature", request.temperature());
        body.put(maxTokensField, request.maxTokens());
        request.seed().ifPresent(seed -> body.put("seed", seed));
        if (request.jsonOutput()) {
            body.putObject("response_format").put("type", "json_object");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        boolean bearer = authHeader.equalsIgnoreCase(OpenAiBackendProvider.DEFAULT_AUTH_HEADER);
        settings.apiKey().addTo(builder, authHeader, bearer ? "Bearer " : "");
        return builder;
    }

    @Override
    public Completion parse(String body) throws MalformedResponseException {
        JsonNode root = Json.parseObject(body);
        JsonNode choice = Json.require(root, "/choices/0");
        String text = Json.text(choice, "/message/content").orElse("");
        TokenUsage usage = new TokenUsage(
                Json.requireCount(root, "/usage/prompt_tokens"), Json.requireCount(root, "/usage/completion_tokens"));
        return new Completion(
                text, usage, finishReason(choice.path("finish_reason").asText("")));
    }

    @Override
    public String errorMessage(String body) {
        return Json.firstText(body, "/error/message", "/message", "/error", "/detail");
    }

    @Override
    public Optional<Rejection> explain(int status, String body, ModelRequest request) {
        JsonNode error = errorNode(body);
        String code = error.path("code").asText("");
        String message = errorMessage(body);
        boolean tooLong = "context_length_exceeded".equals(code)
                || "exceed_context_size_error".equals(error.path("type").asText(""))
                || CONTEXT_MESSAGE.matcher(message).find();
        if (status == 400 && tooLong) {
            return Optional.of(Rejection.contextLength(request.model(), limit(message, error), message));
        }
        if (status == 429 && "insufficient_quota".equals(code)) {
            return Optional.of(new Rejection(
                    "HTTP 429, the account's quota is used up (insufficient_quota): retrying will not help; check the"
                            + " plan and billing. The provider said: " + message,
                    false));
        }
        return Optional.empty();
    }

    static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    private static String role(ChatMessage.Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static JsonNode errorNode(String body) {
        try {
            return Json.parseObject(body).path("error");
        } catch (MalformedResponseException e) {
            return Json.mapper().missingNode();
        }
    }

    /** OpenAI and vLLM say the limit in the message; llama.cpp's server in {@code error.n_ctx}. */
    private static OptionalLong limit(String message, JsonNode error) {
        Matcher matcher = CONTEXT_LIMIT.matcher(message);
        if (matcher.find()) {
            String number = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            return OptionalLong.of(Long.parseLong(number));
        }
        return error.path("n_ctx").canConvertToExactIntegral()
                ? OptionalLong.of(error.path("n_ctx").asLong())
                : OptionalLong.empty();
    }
}
