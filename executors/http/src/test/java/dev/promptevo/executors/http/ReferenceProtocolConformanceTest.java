package dev.promptevo.executors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.executors.http.testing.BackendConformanceSuite;
import java.util.HashMap;
import java.util.Map;

/** The conformance suite run on the reference protocol: it checks the layer, and the suite itself. */
class ReferenceProtocolConformanceTest extends BackendConformanceSuite {

    @Override
    protected ModelBackend newBackend(String serverUrl, Map<String, String> settings, HttpEnvironment environment) {
        Map<String, String> withUrl = new HashMap<>(settings);
        withUrl.putIfAbsent(HttpBackendSettings.BASE_URL, serverUrl);
        return ReferenceProtocol.backend(withUrl, environment);
    }

    @Override
    protected MappingBuilder endpoint() {
        return post(urlPathEqualTo("/complete")).withHeader("Content-Type", equalTo("application/json"));
    }

    @Override
    protected ResponseDefinitionBuilder success(String text, long promptTokens, long completionTokens) {
        return answer(text, promptTokens, completionTokens, "end");
    }

    @Override
    protected ResponseDefinitionBuilder cutAtMaxTokens(String text, long promptTokens, long completionTokens) {
        return answer(text, promptTokens, completionTokens, "cut");
    }

    @Override
    protected ResponseDefinitionBuilder error(int status, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.mapper().createObjectNode().put("error", message).toString());
    }

    @Override
    protected ResponseDefinitionBuilder contextLengthError() {
        return aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"prompt too long\", \"code\": \"too_long\", \"limit\": 4096}");
    }

    @Override
    protected ResponseDefinitionBuilder missingFields() {
        return okJson("{\"text\": \"no usage here\"}");
    }

    @Override
    protected void assertKeySent(LoggedRequest request, String apiKey) {
        assertThat(request.getHeader("X-Key")).isEqualTo(apiKey);
    }

    private static ResponseDefinitionBuilder answer(String text, long in, long out, String stop) {
        return okJson(Json.mapper()
                .createObjectNode()
                .put("text", text)
                .put("in", in)
                .put("out", out)
                .put("stop", stop)
                .toString());
    }
}
