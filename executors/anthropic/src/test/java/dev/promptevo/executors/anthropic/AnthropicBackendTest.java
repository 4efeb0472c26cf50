package dev.promptevo.executors.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.ModelResponse.FinishReason;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.Json;
import dev.promptevo.executors.http.testing.BackendConformanceSuite;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The conformance suite on a fake of the Messages API, and the protocol's own mapping. */
class AnthropicBackendTest extends BackendConformanceSuite {

    @Override
    protected ModelBackend newBackend(String serverUrl, Map<String, String> settings, HttpEnvironment environment) {
        Map<String, String> withUrl = new HashMap<>(settings);
        withUrl.putIfAbsent("base-url", serverUrl);
        return AnthropicBackendProvider.create(withUrl, environment);
    }

    @Override
    protected MappingBuilder endpoint() {
        return post(urlPathEqualTo("/v1/messages"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("anthropic-version", equalTo("2023-06-01"));
    }

    @Override
    protected ResponseDefinitionBuilder success(String text, long promptTokens, long completionTokens) {
        return message(text, "end_turn", promptTokens, completionTokens);
    }

    @Override
    protected ResponseDefinitionBuilder cutAtMaxTokens(String text, long promptTokens, long completionTokens) {
        return message(text, "max_tokens", promptTokens, completionTokens);
    }

    @Override
    protected ResponseDefinitionBuilder error(int status, String message) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        ObjectNode body = Json.mapper().createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return json(status, body.toString());
    }

    @Override
    protected ResponseDefinitionBuilder contextLengthError() {
        return json(400, """
                {"type": "error", "error": {"type": "invalid_request_error",
                  "message": "prompt is too long: 208310 tokens > 200000 maximum"}}""");
    }

    @Override
    protected ResponseDefinitionBuilder missingFields() {
        return okJson("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "conformance-model",
                 "content": [{"type": "text", "text": "no usage"}], "stop_reason": "end_turn"}""");
    }

    @Override
    protected void assertKeySent(LoggedRequest request, String apiKey) {
        assertThat(request.getHeader("x-api-key")).isEqualTo(apiKey);
        assertThat(request.containsHeader("Authorization")).isFalse();
    }

    // ---------------------------------------------------------------- the protocol's own mapping

    @Test
    void theSystemPromptIsTopLevelAndTheRestAreMessages() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));

        backend().complete(request(MODEL));

        JsonNode sent = sentBody();
        assertThat(sent.get("model").asText()).isEqualTo(MODEL);
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(sent.get("system").asText()).isEqualTo("You triage support tickets. Answer with one JSON object.");
        assertThat(sent.get("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"Which queue does this ticket belong to? My parcel"
                        + " never arrived.\"}]");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.size()).isEqualTo(5); // no seed, no JSON mode, no metadata
    }

    @Test
    void severalSystemMessagesAreJoinedAndATurnOfAssistantKeepsItsRole() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));
        ModelRequest request = new ModelRequest(
                MODEL,
                List.of(
                        ChatMessage.system("Rule one."),
                        ChatMessage.system("Rule two."),
                        ChatMessage.user("Q1"),
                        new ChatMessage(ChatMessage.Role.ASSISTANT, "A1"),
                        ChatMessage.user("Q2")),
                0.0,
                50,
                OptionalLong.empty(),
                true,
                Map.of());

        backend().complete(request);

        JsonNode sent = sentBody();
        assertThat(sent.get("system").asText()).isEqualTo("Rule one.\n\nRule two.");
        assertThat(sent.get("messages").findValuesAsText("role")).containsExactly("user", "assistant", "user");
        assertThat(sent.has("response_format")).isFalse();
    }

    @Test
    void aRequestOfSystemMessagesAloneIsSentAsOneUserMessage() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));
        ModelRequest request = new ModelRequest(
                MODEL,
                List.of(ChatMessage.system("Rewrite this rubric.")),
                0.0,
                50,
                OptionalLong.empty(),
                false,
                Map.of());

        backend().complete(request);

        JsonNode sent = sentBody();
        assertThat(sent.has("system")).isFalse();
        assertThat(sent.get("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"Rewrite this rubric.\"}]");
    }

    @Test
    void temperaturesAboveOneAreClampedToOne() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));
        ModelRequest base = request(MODEL);

        backend().complete(new ModelRequest(MODEL, base.messages(), 1.7, 50, base.seed(), false, Map.of()));

        assertThat(sentBody().get("temperature").asDouble()).isEqualTo(1.0);
    }

    @Test
    void anOverloadedApiIsRetried() throws Exception {
        stubSequence(error(529, "Overloaded"), success("ok", 10, 2));

        assertThat(backend().complete(request(MODEL)).text()).isEqualTo("ok");

        assertThat(clock().sleeps()).containsExactly(Duration.ofMillis(500));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void textBlocksAreJoinedAndCacheTokensCountAsPrompt() throws Exception {
        server().stubFor(endpoint().willReturn(okJson("""
                {"id": "msg_2", "type": "message", "role": "assistant", "model": "conformance-model",
                 "content": [{"type": "text", "text": "Hello, "}, {"type": "tool_use", "id": "t", "name": "x",
                   "input": {}}, {"type": "text", "text": "world."}],
                 "stop_reason": "refusal", "stop_sequence": null,
                 "usage": {"input_tokens": 100, "output_tokens": 20, "cache_creation_input_tokens": 5,
                   "cache_read_input_tokens": 7}}""")));

        ModelResponse response = backend().complete(request(MODEL));

        assertThat(response.text()).isEqualTo("Hello, world.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(112, 20));
        assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    }

    @Test
    void stopReasonsAreMapped() {
        assertThat(AnthropicProtocol.finishReason("end_turn")).isEqualTo(FinishReason.STOP);
        assertThat(AnthropicProtocol.finishReason("stop_sequence")).isEqualTo(FinishReason.STOP);
        assertThat(AnthropicProtocol.finishReason("max_tokens")).isEqualTo(FinishReason.LENGTH);
        assertThat(AnthropicProtocol.finishReason("model_context_window_exceeded"))
                .isEqualTo(FinishReason.LENGTH);
        assertThat(AnthropicProtocol.finishReason("tool_use")).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void theOtherContextErrorWordingIsRecognisedToo() {
        server().stubFor(endpoint().willReturn(json(400, """
                {"type": "error", "error": {"type": "invalid_request_error", "message": "input length and \
                `max_tokens` exceed context limit: 198000 + 8192 > 200000, decrease input length or `max_tokens` \
                and try again"}}""")));

        BackendException failure =
                catchThrowableOfType(BackendException.class, () -> backend().complete(request(MODEL)));

        assertThat(failure.getMessage()).contains("(200000 tokens)").contains("retriever_topk");
        assertThat(failure.retryable()).isFalse();
    }

    private JsonNode sentBody() throws Exception {
        return Json.mapper().readTree(requests().get(0).getBodyAsString());
    }

    private static ResponseDefinitionBuilder message(String text, String stopReason, long input, long output) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", "msg_conformance")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", MODEL);
        body.putArray("content").addObject().put("type", "text").put("text", text);
        body.put("stop_reason", stopReason).putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", input).put("output_tokens", output);
        return okJson(body.toString());
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
