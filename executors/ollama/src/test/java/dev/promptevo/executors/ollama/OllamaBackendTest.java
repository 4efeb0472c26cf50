package dev.promptevo.executors.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.Json;
import dev.promptevo.executors.http.testing.BackendConformanceSuite;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conformance suite on a fake of Ollama's {@code /api/chat}, and the protocol's own mapping. */
class OllamaBackendTest extends BackendConformanceSuite {

    @Override
    protected ModelBackend newBackend(String serverUrl, Map<String, String> settings, HttpEnvironment environment) {
        Map<String, String> withUrl = new HashMap<>(settings);
        withUrl.putIfAbsent("base-url", serverUrl);
        return OllamaBackendProvider.create(withUrl, environment);
    }

    @Override
    protected MappingBuilder endpoint() {
        return post(urlPathEqualTo("/api/chat")).withHeader("Content-Type", equalTo("application/json"));
    }

    @Override
    protected ResponseDefinitionBuilder success(String text, long promptTokens, long completionTokens) {
        return chat(text, "stop", promptTokens, completionTokens);
    }

    @Override
    protected ResponseDefinitionBuilder cutAtMaxTokens(String text, long promptTokens, long completionTokens) {
        return chat(text, "length", promptTokens, completionTokens);
    }

    @Override
    protected ResponseDefinitionBuilder error(int status, String message) {
        return json(
                status, Json.mapper().createObjectNode().put("error", message).toString());
    }

    @Override
    protected ResponseDefinitionBuilder contextLengthError() {
        // what Ollama answers with truncate:false: the runner's JSON error inside Ollama's error string
        String runner = "{\"error\":{\"code\":400,\"message\":\"request (8889 tokens) exceeds the available context"
                + " size (4096 tokens), try increasing it\",\"type\":\"exceed_context_size_error\","
                + "\"n_prompt_tokens\":8889,\"n_ctx\":4096}}";
        return json(400, Json.mapper().createObjectNode().put("error", runner).toString());
    }

    @Override
    protected ResponseDefinitionBuilder missingFields() {
        return okJson("""
                {"model": "conformance-model", "created_at": "2026-01-01T00:00:00Z", "done": true,
                 "done_reason": "stop", "prompt_eval_count": 10, "eval_count": 2}""");
    }

    @Override
    protected void assertKeySent(LoggedRequest request, String apiKey) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + apiKey);
    }

    @Override
    protected boolean pricesEveryModel() {
        return true;
    }

    // ---------------------------------------------------------------- the protocol's own mapping

    @Test
    void theRequestCarriesMessagesOptionsAndNoStreaming() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 10, 2)));

        backend().complete(request(MODEL));

        JsonNode sent = sentBody();
        assertThat(sent.get("model").asText()).isEqualTo(MODEL);
        assertThat(sent.get("messages").findValuesAsText("role")).containsExactly("system", "user");
        assertThat(sent.get("stream").asBoolean(true)).isFalse();
        assertThat(sent.get("truncate").asBoolean(true)).isFalse();
        assertThat(sent.get("options").toString()).isEqualTo("{\"temperature\":0.3,\"num_predict\":200,\"seed\":42}");
        assertThat(sent.has("format")).isFalse();
        assertThat(sent.size()).isEqualTo(5);
    }

    @Test
    void jsonOutputContextWindowAndTruncationAreSettable() throws Exception {
        server().stubFor(endpoint().willReturn(success("{}", 10, 2)));
        ModelRequest base = request(MODEL);
        ModelRequest json = new ModelRequest(MODEL, base.messages(), 0.0, 64, base.seed(), true, Map.of());

        backend(OllamaBackendProvider.NUM_CTX, "8192", OllamaBackendProvider.TRUNCATE_PROMPT, "true")
                .complete(json);

        JsonNode sent = sentBody();
        assertThat(sent.get("format").asText()).isEqualTo("json");
        assertThat(sent.get("options").get("num_ctx").asInt()).isEqualTo(8192);
        assertThat(sent.has("truncate")).isFalse();
    }

    @Test
    void badSettingsAreExplained() {
        assertThatThrownBy(() -> backend(OllamaBackendProvider.NUM_CTX, "big"))
                .hasMessageContaining("'num-ctx' must be a whole number of tokens");
        assertThatThrownBy(() -> backend(OllamaBackendProvider.TRUNCATE_PROMPT, "maybe"))
                .hasMessageContaining("'truncate-prompt' must be true or false");
    }

    @Test
    void withoutAKeyNoAuthorizationIsSentAndLocalModelsCostNothing() throws Exception {
        server().stubFor(endpoint().willReturn(success("ok", 1000, 100)));
        Map<String, String> settings = settings();
        settings.remove("api-key-env");
        settings.put("base-url", "http://127.0.0.1:" + server().port());
        ModelBackend local = OllamaBackendProvider.create(settings, clock().environment(JITTER, Map.of()));

        ModelResponse response = local.complete(request("llama3.1:8b"));

        assertThat(response.costUsd()).isZero();
        assertThat(local.price("llama3.1:8b")).isPresent();
        assertThat(requests().get(0).containsHeader("Authorization")).isFalse();
    }

    @Test
    void aCachedPromptWithoutAPromptCountCountsZeroPromptTokens() throws Exception {
        server().stubFor(endpoint().willReturn(okJson("""
                {"model": "conformance-model", "message": {"role": "assistant", "content": "cached"},
                 "done": true, "done_reason": "load", "eval_count": 3}""")));

        ModelResponse response = backend().complete(request(MODEL));

        assertThat(response.usage()).isEqualTo(new TokenUsage(0, 3));
        assertThat(response.finishReason()).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void theContextErrorNamesTheWindowAndAnUnknownModelIsNotFound() {
        server().stubFor(endpoint().willReturn(contextLengthError()));
        BackendException tooLong =
                catchThrowableOfType(BackendException.class, () -> backend().complete(request(MODEL)));
        assertThat(tooLong.getMessage())
                .contains("(4096 tokens)")
                .contains("The provider said: request (8889 tokens) exceeds the available context size");

        server().resetMappings();
        server().stubFor(endpoint().willReturn(error(404, "model \"llama9\" not found, try pulling it first")));
        BackendException notFound =
                catchThrowableOfType(BackendException.class, () -> backend().complete(request("llama9")));
        assertThat(notFound.getMessage()).contains("HTTP 404").contains("try pulling it first");
        assertThat(notFound.retryable()).isFalse();
    }

    private JsonNode sentBody() throws Exception {
        return Json.mapper().readTree(requests().get(0).getBodyAsString());
    }

    private static ResponseDefinitionBuilder chat(String text, String doneReason, long prompt, long completion) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", MODEL).put("created_at", "2026-01-01T00:00:00Z");
        body.putObject("message").put("role", "assistant").put("content", text);
        body.put("done", true)
                .put("done_reason", doneReason)
                .put("total_duration", 5_000_000)
                .put("prompt_eval_count", prompt)
                .put("eval_count", completion);
        return okJson(body.toString());
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
