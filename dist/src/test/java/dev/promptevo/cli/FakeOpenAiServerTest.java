package dev.promptevo.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optimize} against a local fake of the OpenAI Chat Completions API, run as a user runs it:
 * a separate JVM with the key in {@code OPENAI_API_KEY}.
 */
class FakeOpenAiServerTest {
    private static final String KEY = "sk-test-4f9c2e7d1b8a6053";
    private static final String ANSWER = "{\"category\":\"billing\",\"priority\":\"high\",\"order_id\":null}";

    @TempDir
    Path tmp;

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String completion(String content) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":420,"completion_tokens":18,"total_tokens":438}}
                """.formatted(new ObjectMapper().valueToTree(content).toString());
    }

    record Process(int exitCode, String out, String err) {}

    private Process optimize(String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PromptEvoCli.class.getName(),
                "optimize",
                "../examples/ticket-triage",
                "--backend",
                "openai",
                "--base-url",
                "http://127.0.0.1:" + server.port() + "/v1",
                "--model",
                "gpt-4o-mini",
                "--backend-setting",
                "price.gpt-4o-mini.input=0.15",
                "--backend-setting",
                "price.gpt-4o-mini.output=0.60",
                "--backend-setting",
                "initial-backoff-ms=10",
                "--seed",
                "1",
                "--population",
                "4",
                "--no-progress"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        builder.environment().put("OPENAI_API_KEY", KEY);
        java.lang.Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
        return new Process(
                process.exitValue(),
                Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aRunAgainstAnOpenAiCompatibleServerCarriesTokensAndCostAndNeverTheKey() throws Exception {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion(ANSWER))));
        Path result = tmp.resolve("result.json");
        Process run = optimize(
                "--out",
                result.toString(),
                "--checkpoint",
                tmp.resolve("cp.json").toString(),
                "--concurrency",
                "8",
                "--generations",
                "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("backend 'openai'", "Pre-run estimate", "Best genome vs base");

        JsonNode json = new ObjectMapper().readTree(result.toFile());
        long calls = json.path("spent").path("calls").asLong();
        assertThat(calls).isPositive();
        assertThat(json.path("spent").path("tokens").asLong()).isEqualTo(calls * 438);
        assertThat(json.path("spent").path("costUsd").asDouble())
                .isCloseTo(calls * (420 * 0.15 + 18 * 0.60) / 1e6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(json.path("best").path("metrics").path("meanTokens").asDouble())
                .isPositive();
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")));

        String everything = run.out() + run.err() + Files.readString(result) + Files.readString(tmp.resolve("cp.json"));
        assertThat(everything).doesNotContain(KEY);
    }

    @Test
    void aContextLengthErrorReachesTheResultsAsAClearReason() throws Exception {
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\","
                                + "\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}")));
        Path result = tmp.resolve("context.json");
        Process run = optimize("--out", result.toString(), "--generations", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Failed evaluations", "context");
        JsonNode failed = new ObjectMapper().readTree(result.toFile()).path("failedEvaluations");
        assertThat(failed).isNotEmpty();
        assertThat(failed.get(0).path("reason").asText()).contains("8192", "retriever_topk", "max_tokens");
        assertThat(failed.get(0).path("count").asInt()).isPositive();
    }

    @Test
    void aStormOf429sWithRetryAfterIsWaitedOutWithinTheBudget() throws Exception {
        // the first three requests are refused with retry-after-ms, then the server answers
        String state = Scenario.STARTED;
        for (int i = 1; i <= 3; i++) {
            String next = "refused-" + i;
            server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                    .inScenario("storm")
                    .whenScenarioStateIs(state)
                    .willSetStateTo(next)
                    .willReturn(aResponse()
                            .withStatus(429)
                            .withHeader("retry-after-ms", "200")
                            .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")));
            state = next;
        }
        server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .inScenario("storm")
                .whenScenarioStateIs(state)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(completion(ANSWER))));
        Path result = tmp.resolve("storm.json");
        Process run = optimize(
                "--out",
                result.toString(),
                "--max-usd",
                "0.05",
                "--concurrency",
                "1", // one call at a time, so the scenario's three refusals are exactly three
                "--backend-setting",
                "max-attempts=5",
                "--generations",
                "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.path("spent").path("failedCalls").asLong())
                .as("every 429 was waited out")
                .isZero();
        assertThat(json.path("spent").path("costUsd").asDouble()).isPositive().isLessThanOrEqualTo(0.05);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                        .size())
                .as("three refusals, then one request per call")
                .isEqualTo(3 + json.path("spent").path("calls").asInt());
    }
}
