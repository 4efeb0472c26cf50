package dev.promptevo.executors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse.FinishReason;
import dev.promptevo.api.model.TokenUsage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The smallest wire protocol, to test the resilience layer and the conformance suite themselves:
 * {@code POST /complete} with {@code {"model", "prompt", "max"}}, answered by {@code {"text", "in",
 * "out", "stop": "end"|"cut"}}; errors are {@code {"error": message}}, a context overflow is a 400
 * with {@code "code": "too_long"} and a {@code "limit"}. The key goes in {@code X-Key}.
 */
final class ReferenceProtocol implements WireProtocol {
    static final String ID = "reference";
    static final HttpBackendSettings.Spec SPEC =
            new HttpBackendSettings.Spec(ID, "http://127.0.0.1:9", "REFERENCE_API_KEY", false, Set.of());

    private final HttpBackendSettings settings;

    ReferenceProtocol(HttpBackendSettings settings) {
        this.settings = settings;
    }

    static HttpModelBackend backend(Map<String, String> settings, HttpEnvironment environment) {
        HttpBackendSettings parsed = HttpBackendSettings.parse(SPEC, settings, environment.variables());
        return HttpModelBackend.of(new ReferenceProtocol(parsed), parsed, environment);
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public HttpRequest.Builder request(ModelRequest request) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", request.model());
        body.put("prompt", request.promptText());
        body.put("max", request.maxTokens());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/complete"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        settings.apiKey().addTo(builder, "X-Key", "");
        return builder;
    }

    @Override
    public Completion parse(String body) throws MalformedResponseException {
        JsonNode root = Json.parseObject(body);
        String text = Json.require(root, "/text").asText();
        TokenUsage usage = new TokenUsage(Json.requireCount(root, "/in"), Json.requireCount(root, "/out"));
        FinishReason reason = "cut".equals(root.path("stop").asText()) ? FinishReason.LENGTH : FinishReason.STOP;
        return new Completion(text, usage, reason);
    }

    @Override
    public String errorMessage(String body) {
        return Json.firstText(body, "/error");
    }

    @Override
    public Optional<Rejection> explain(int status, String body, ModelRequest request) {
        try {
            JsonNode root = Json.parseObject(body);
            if (status == 400 && "too_long".equals(root.path("code").asText())) {
                OptionalLong limit =
                        root.has("limit") ? OptionalLong.of(root.get("limit").asLong()) : OptionalLong.empty();
                return Optional.of(Rejection.contextLength(request.model(), limit, errorMessage(body)));
            }
        } catch (MalformedResponseException e) {
            // not JSON: the generic reading
        }
        return Optional.empty();
    }
}
