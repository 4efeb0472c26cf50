package dev.promptevo.executors.openai;

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
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.ModelResponse.FinishReason;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.Json;
import dev.promptevo.executors.http.testing.BackendConformanceSuite;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conformance suite on a fake of the Chat Completions API, and the protocol's own mapping. */
class OpenAiBackendTest extends BackendConformanceSuite {

    @Override
    protected ModelBackend newBackend(String serverUrl, Map<String, String> settings, HttpEnvironment environment) {
        Map<String, String> withUrl = new HashMap<>(settings);
        withUrl.putIfAbsent("base-url", serverUrl + "/v1");
        return OpenAiBackendProvider.create(withUrl, environment);
    }

    @Override
    protected MappingBuilder endpoint() {
        return post(urlPathEqualTo("/v1/chat/completions")).withHeader("Content-Type", equalTo("application/json"));
    }

    @Override
    protected ResponseDefinitionBuilder success(String text, long promptTokens, long completionTokens) {
        return completion(text, "stop", promptTokens, completionTokens);
    }

    @Override
    protected ResponseDefinitionBuilder cutAtMaxTokens(String text, long promptTokens, long completionTokens) {
        return completion(text, "length", promptTokens, completionTokens);
    }

    @Override
    protected ResponseDefinitionBuilder error(int status, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", status >= 500 ? "server_error" : "invalid_request_error")
                .putNull("param")
                .putNull("code");
        return json(status, body.toString());
    }

    @Override
    protected ResponseDefinitionBuilder contextLengthError() {
        return json(400, """
                {"error": {"message": "This model's maximum context length is 128000 tokens. However, your messages \
                resulted in 130512 tokens. Please reduce the length of the messages.",
                  "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}""");
    }

    @Override
    protected ResponseDefinitionBuilder missingFields() {
        return okJson("""
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "conformance-model",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "no usage"}, "finish_reason": "stop"}]}""");
    }

    @Override
    protected void assertKeySent(LoggedRequest request, String apiKey) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + apiKey);
    }

    // ---------------------------------------------------------------- the protocol's own mapping

    @Test
    void theRequestCarriesModelMessagesSamplingAndTheTokenLimit() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));

        backend().complete(request(MODEL));

        JsonNode sent = sentBody();
        assertThat(sent.get("model").asText()).isEqualTo(MODEL);
        assertThat(sent.get("messages").toString())
                .isEqualTo("[{\"role\":\"system\",\"content\":\"You triage support tickets. Answer with one JSON"
                        + " object.\"},{\"role\":\"user\",\"content\":\"Which queue does this ticket belong to? My"
                        + " parcel never arrived.\"}]");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(sent.has("max_completion_tokens")).isFalse();
        assertThat(sent.get("seed").asLong()).isEqualTo(42);
        assertThat(sent.has("response_format")).isFalse();
        assertThat(sent.has("user")).isFalse();
        assertThat(sent.has("metadata")).isFalse();
        assertThat(sent.size()).isEqualTo(5);
    }

    @Test
    void jsonOutputAsksForAJsonObject() throws Exception {
        server().stubFor(endpoint().willReturn(success("{}", 10, 2)));
        ModelRequest base = request(MODEL);
        ModelRequest json =
                new ModelRequest(base.model(), base.messages(), 0.0, 50, base.seed(), true, base.metadata());

        backend().complete(json);

        assertThat(sentBody().get("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
    }

    @Test
    void theTokenLimitFieldCanBeChosen() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));

        backend(OpenAiBackendProvider.MAX_TOKENS_PARAMETER, "max_completion_tokens")
                .complete(request(MODEL));

        assertThat(sentBody().get("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(sentBody().has("max_tokens")).isFalse();
    }

    @Test
    void anotherAuthHeaderCarriesTheBareKey() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));

        backend(OpenAiBackendProvider.AUTH_HEADER, "api-key").complete(request(MODEL));

        LoggedRequest sent = requests().get(0);
        assertThat(sent.getHeader("api-key")).isEqualTo(API_KEY);
        assertThat(sent.containsHeader("Authorization")).isFalse();
    }

    @Test
    void withoutAKeyRequestsGoUnauthenticatedAsLocalServersExpect() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));
        Map<String, String> settings = settings();
        settings.remove("api-key-env");
        settings.put("base-url", "http://127.0.0.1:" + server().port() + "/v1");
        ModelBackend vllm = OpenAiBackendProvider.create(settings, clock().environment(JITTER, Map.of()));

        assertThat(vllm.complete(request(MODEL)).text()).isEqualTo("ok");
        assertThat(requests().get(0).containsHeader("Authorization")).isFalse();
    }

    @Test
    void finishReasonsAndAMissingContentAreRead() throws Exception {
        server().stubFor(endpoint().willReturn(completion("", "content_filter", 10, 0)));
        assertThat(backend().complete(request(MODEL)).finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);

        server().resetMappings();
        server().stubFor(endpoint().willReturn(okJson("""
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": []},
                  "finish_reason": "tool_calls"}], "usage": {"prompt_tokens": 5, "completion_tokens": 7}}""")));
        ModelResponse response = backend().complete(request(MODEL));
        assertThat(response.text()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
        assertThat(response.usage().total()).isEqualTo(12);
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        server().stubFor(endpoint().willReturn(json(429, """
                {"error": {"message": "You exceeded your current quota.", "type": "insufficient_quota",
                  "code": "insufficient_quota"}}""")));
        ModelBackend backend = backend();

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(request(MODEL)));

        assertThat(failure.getMessage()).contains("quota").contains("billing");
        assertThat(failure.retryable()).isFalse();
        assertThat(requests()).hasSize(1);
    }

    @Test
    void vllmAndLlamaCppContextErrorsAreRecognisedToo() {
        server().stubFor(endpoint().willReturn(json(400, """
                {"object": "error", "message": "This model's maximum context length is 4096 tokens. However, you \
                requested 5000 tokens (4800 in the messages, 200 in the completion).", "type": "BadRequestError",
                 "param": null, "code": 400}""")));
        assertThat(catchThrowableOfType(BackendException.class, () -> backend().complete(request(MODEL)))
                        .getMessage())
                .contains("context window of model '" + MODEL + "' (4096 tokens)");

        server().resetMappings();
        server().stubFor(endpoint().willReturn(json(400, """
                {"error": {"code": 400, "message": "the request exceeds the available context size, try increasing \
                it", "type": "exceed_context_size_error", "n_prompt_tokens": 9000, "n_ctx": 8192}}""")));
        BackendException llamaCpp =
                catchThrowableOfType(BackendException.class, () -> backend().complete(request(MODEL)));
        assertThat(llamaCpp.getMessage()).contains("(8192 tokens)").contains("retriever_topk");
        assertThat(llamaCpp.retryable()).isFalse();
    }

    private JsonNode sentBody() throws Exception {
        return Json.mapper().readTree(requests().get(0).getBodyAsString());
    }

    private static ResponseDefinitionBuilder completion(
            String text, String finishReason, long prompt, long completion) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", "chatcmpl-conformance").put("object", "chat.completion").put("model", MODEL);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", finishReason);
        choice.putObject("message").put("role", "assistant").put("content", text);
        body.putObject("usage")
                .put("prompt_tokens", prompt)
                .put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return okJson(body.toString());
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
