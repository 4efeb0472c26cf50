package dev.promptevo.executors.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.executors.http.testing.FakeClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The layer's limits and corner cases, beyond the conformance suite, on the reference protocol. */
class HttpModelBackendTest {
    private static final ModelRequest REQUEST = new ModelRequest(
            "m", List.of(ChatMessage.user("x".repeat(399))), 0.0, 100, OptionalLong.empty(), false, Map.of());
    /** 400 characters (with the newline after the message) / 4 + 100 max tokens. */
    private static final long ESTIMATE = 200;

    private final FakeClock clock = new FakeClock();
    private WireMockServer server;
    private HttpModelBackend backend;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        server.stop();
    }

    @Test
    void theTokenEstimateIsPromptCharactersOverFourPlusMaxTokens() {
        assertThat(HttpModelBackend.estimatePromptTokens(REQUEST) + REQUEST.maxTokens())
                .isEqualTo(ESTIMATE);
    }

    @Test
    void requestsPerMinuteQueueTheCallerForExactWaits() throws Exception {
        server.stubFor(post("/complete").willReturn(answer(10, 5)));
        backend = backend("requests-per-minute", "2");

        for (int call = 0; call < 4; call++) {
            backend.complete(REQUEST);
        }

        // two at once, then one every 30 s
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void tokensPerMinuteAreChargedTheEstimateThenTheProvidersCount() throws Exception {
        // the provider counts twice the estimate: the correction puts the bucket in debt
        server.stubFor(post("/complete").willReturn(answer(ESTIMATE, ESTIMATE)));
        backend = backend("tokens-per-minute", String.valueOf(2 * ESTIMATE));

        backend.complete(REQUEST);
        assertThat(clock.sleeps()).isEmpty();
        backend.complete(REQUEST);

        // 200 tokens short at 400 a minute
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aSmallerCountGivesTokensBack() throws Exception {
        server.stubFor(post("/complete").willReturn(answer(10, 10)));
        backend = backend("tokens-per-minute", String.valueOf(ESTIMATE + 100));

        for (int call = 0; call < 5; call++) {
            backend.complete(REQUEST);
        }

        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aRejectedRequestGivesItsTokensBack() throws Exception {
        stubSequence(aResponse().withStatus(429).withHeader("Retry-After", "0"), answer(100, 100));
        backend = backend("tokens-per-minute", String.valueOf(ESTIMATE));

        backend.complete(REQUEST);

        assertThat(clock.sleeps()).containsExactly(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheWallClock() throws Exception {
        String in12Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                FakeClock.START.plusSeconds(12).atOffset(ZoneOffset.UTC));
        stubSequence(aResponse().withStatus(503).withHeader("Retry-After", in12Seconds), answer(1, 1));
        backend = backend();

        backend.complete(REQUEST);

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void backoffsDoubleUpToTheirCap() {
        server.stubFor(post("/complete").willReturn(aResponse().withStatus(502)));
        backend = backend(
                "max-attempts",
                "6",
                "initial-backoff-ms",
                "1000",
                "max-backoff-ms",
                "5000",
                "circuit-breaker-failures",
                "0");

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(REQUEST));

        assertThat(failure.getMessage()).contains("gave up after 6 attempts").contains("HTTP 502");
        assertThat(clock.sleeps())
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofMillis(1000),
                        Duration.ofMillis(2000),
                        Duration.ofMillis(2500),
                        Duration.ofMillis(2500));
    }

    @Test
    void aRefusedConnectionIsRetriedAndNamesTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        backend = backend("base-url", "http://127.0.0.1:" + closedPort, "max-attempts", "2");

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(REQUEST));

        assertThat(failure.getMessage())
                .contains("gave up after 2 attempts")
                .contains("cannot connect to http://127.0.0.1:" + closedPort);
        assertThat(failure.retryable()).isTrue();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void oneAttemptMeansNoRetry() {
        server.stubFor(post("/complete").willReturn(aResponse().withStatus(500)));
        backend = backend("max-attempts", "1");

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(REQUEST));

        assertThat(failure.getMessage()).contains("gave up after 1 attempt:");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void authenticationAndNotFoundErrorsSayWhatToCheck() {
        server.stubFor(post("/complete").willReturn(aResponse().withStatus(401).withBody("{\"error\": \"bad key\"}")));
        backend = backend();
        assertThat(catchThrowableOfType(BackendException.class, () -> backend.complete(REQUEST))
                        .getMessage())
                .contains("HTTP 401")
                .contains("no API key was sent: set the environment variable REFERENCE_API_KEY")
                .contains("bad key");

        server.resetMappings();
        server.stubFor(post("/complete").willReturn(aResponse().withStatus(404).withBody("no such thing")));
        assertThat(catchThrowableOfType(BackendException.class, () -> backend.complete(REQUEST))
                        .getMessage())
                .contains("HTTP 404")
                .contains("check the setting base-url http://127.0.0.1:" + server.port())
                .contains("'m'");
    }

    @Test
    void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() {
        server.stubFor(post("/complete").willReturn(aResponse().withStatus(503)));
        backend = backend();

        Thread.currentThread().interrupt();
        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(REQUEST));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(failure.getMessage()).contains("interrupted");
        assertThat(failure.retryable()).isFalse();
    }

    private HttpModelBackend backend(String... overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("base-url", "http://127.0.0.1:" + server.port());
        settings.put("initial-backoff-ms", "1000");
        settings.put("request-timeout-ms", "10000");
        settings.put("price.m.input", "1");
        settings.put("price.m.output", "1");
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return ReferenceProtocol.backend(settings, clock.environment(0.5, Map.of()));
    }

    private void stubSequence(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        server.stubFor(post("/complete")
                .inScenario("s")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first)
                .willSetStateTo("then"));
        server.stubFor(
                post("/complete").inScenario("s").whenScenarioStateIs("then").willReturn(then));
    }

    private static ResponseDefinitionBuilder answer(long in, long out) {
        return okJson("{\"text\": \"ok\", \"in\": " + in + ", \"out\": " + out + "}");
    }
}
