package dev.promptevo.executors.http.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.model.ModelResponse.FinishReason;
import dev.promptevo.api.model.TokenUsage;
import dev.promptevo.executors.http.HttpBackendSettings;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.HttpModelBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every HTTP model backend passes, each against a local WireMock fake of its own wire
 * protocol (after LangChain4j's {@code AbstractChatModelIT} and openai-java's {@code
 * RetryingHttpClientTest}). A backend's test extends this class and says how its provider answers:
 * where requests go ({@link #endpoint()}), what a success, a cut answer, an error, a context-length
 * error and a body without the needed fields look like, and which header carries the key. The suite
 * then checks, with a {@link FakeClock} and exact numbers:
 *
 * <ul>
 *   <li>usage, cost from the price table and latency of a successful call; the finish reasons;
 *   <li>{@code Retry-After} and {@code retry-after-ms}: the exact waits and the exact number of
 *       requests; 5xx, resets and timeouts retried with the exact backoffs; giving up after {@code
 *       max-attempts};
 *   <li>malformed answers and context-length errors: clear, not retried;
 *   <li>the API key: sent in its header, never in a log record, a message or a response;
 *   <li>the circuit breaker and the concurrency limit; unknown models reported once; metadata never
 *       sent.
 * </ul>
 *
 * Every server binds to 127.0.0.1 on a free port and is stopped after its test. The backend is made
 * with the shared settings of {@link #settings}: 3 attempts, backoff from 1 s up to 8 s, a jitter
 * that always draws one half (so the first retry waits 500 ms, the second 1 s), no circuit breaker
 * unless a test turns it on, and {@value #MODEL} priced at $2 / $8 per million tokens.
 */
public abstract class BackendConformanceSuite {
    protected static final String MODEL = "conformance-model";
    protected static final String UNKNOWN_MODEL = "mystery-model";
    protected static final String API_KEY = "sk-conformance-3f9a1c7e5b2d4680e1f2a3b4";
    protected static final String API_KEY_ENV = "PROMPTEVO_CONFORMANCE_API_KEY";
    protected static final ModelPrice PRICE = new ModelPrice(2.0, 8.0);
    /** How long the fake server "takes" for a request stubbed with {@link AdvanceClock}. */
    protected static final Duration SERVER_TIME = Duration.ofMillis(250);
    /** The request timeout of the timeout scenario; the others allow 10 s (a cold server is slow). */
    protected static final int SHORT_REQUEST_TIMEOUT_MS = 200;

    protected static final double JITTER = 0.5;

    private static final String SCENARIO = "conformance";
    private static final int CONCURRENCY = 2;

    private WireMockServer server;
    private FakeClock clock;
    private InFlightGate gate;
    private Arrivals arrivals;
    private final List<ModelBackend> backends = new ArrayList<>();

    // ---------------------------------------------------------------- what a backend's test provides

    /**
     * A backend of the provider under test that sends to the fake server.
     *
     * @param serverUrl the fake server's root, {@code http://127.0.0.1:<port>}, without a trailing
     *     slash; set your {@code base-url} from it (the OpenAI protocol adds {@code /v1})
     * @param settings the shared settings of the scenario: pass them on, adding your {@code base-url}
     *     unless they hold one already
     */
    protected abstract ModelBackend newBackend(
            String serverUrl, Map<String, String> settings, HttpEnvironment environment);

    /** A new mapping for the request the backend sends: method and path ({@code post("/v1/messages")}). */
    protected abstract MappingBuilder endpoint();

    /** A 200 answer with this text, these token counts and the provider's "stopped normally" reason. */
    protected abstract ResponseDefinitionBuilder success(String text, long promptTokens, long completionTokens);

    /** A 200 answer cut at the request's max tokens. */
    protected abstract ResponseDefinitionBuilder cutAtMaxTokens(String text, long promptTokens, long completionTokens);

    /** An error answer with this status, in the provider's error format, carrying {@code message}. */
    protected abstract ResponseDefinitionBuilder error(int status, String message);

    /** The provider's answer to a prompt too long for the model's context window. */
    protected abstract ResponseDefinitionBuilder contextLengthError();

    /** A 200 answer in valid JSON that lacks a field the backend needs (the text or the usage). */
    protected abstract ResponseDefinitionBuilder missingFields();

    /** Asserts that {@code request} carries {@code apiKey} in the provider's header, in its form. */
    protected abstract void assertKeySent(LoggedRequest request, String apiKey);

    /** True when the provider's bundled prices cover every model (Ollama: local models are free). */
    protected boolean pricesEveryModel() {
        return false;
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void aSuccessfulCallReportsTextUsageCostAndLatency() throws Exception {
        server.stubFor(endpoint().willReturn(success("The answer.", 1200, 300).withTransformers(AdvanceClock.NAME)));
        ModelBackend backend = backend();

        ModelResponse response = backend.complete(request(MODEL));

        assertThat(response.text()).isEqualTo("The answer.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(1200, 300));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.costUsd()).isCloseTo(0.0048, within(1e-12)); // (1200 * 2 + 300 * 8) / 1e6
        assertThat(response.latencyMs()).isEqualTo(250.0);
        assertThat(backend.price(MODEL)).contains(PRICE);
        assertThat(requests()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void anAnswerCutAtMaxTokensIsReportedAsLength() throws Exception {
        server.stubFor(endpoint().willReturn(cutAtMaxTokens("The ans", 1200, 200)));

        ModelResponse response = backend().complete(request(MODEL));

        assertThat(response.text()).isEqualTo("The ans");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.usage()).isEqualTo(new TokenUsage(1200, 200));
    }

    @Test
    void aRateLimitWithRetryAfterSecondsIsWaitedOutExactly() throws Exception {
        stubSequence(error(429, "Rate limit reached").withHeader("Retry-After", "7"), success("ok", 10, 2));

        ModelResponse response = backend().complete(request(MODEL));

        assertThat(response.text()).isEqualTo("ok");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void retryAfterMsIsHonouredBeforeRetryAfter() throws Exception {
        stubSequence(
                error(429, "Rate limit reached")
                        .withHeader("retry-after-ms", "1500")
                        .withHeader("Retry-After", "2"),
                success("ok", 10, 2));

        backend().complete(request(MODEL));

        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(1500));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aRetryAfterLongerThanTheMaximumWaitIsCut() throws Exception {
        stubSequence(error(429, "Rate limit reached").withHeader("Retry-After", "600"), success("ok", 10, 2));

        backend(HttpBackendSettings.MAX_RETRY_WAIT_MS, "45000").complete(request(MODEL));

        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(45));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetriedAfterAJitteredBackoff() throws Exception {
        stubSequence(error(500, "Internal error"), success("ok", 10, 2));

        ModelResponse response = backend().complete(request(MODEL));

        assertThat(response.text()).isEqualTo("ok");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500)); // 0.5 * min(8 s, 1 s)
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aConnectionResetIsRetried() throws Exception {
        stubSequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), success("ok", 10, 2));

        ModelResponse response = backend().complete(request(MODEL));

        assertThat(response.text()).isEqualTo("ok");
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aPersistentServerErrorGivesUpAfterMaxAttempts() {
        server.stubFor(endpoint().willReturn(error(503, "The service is temporarily unavailable")));
        ModelBackend backend = backend();

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(request(MODEL)));

        assertThat(failure.getMessage())
                .contains("gave up after 3 attempts")
                .contains("HTTP 503")
                .contains("The service is temporarily unavailable")
                .contains(MODEL);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.costUsd()).isZero();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(requests()).hasSize(3);
    }

    @Test
    void aTimeoutIsRetriedThenReported() {
        server.stubFor(endpoint().willReturn(success("late", 10, 2).withFixedDelay(SHORT_REQUEST_TIMEOUT_MS * 5 / 2)));
        ModelBackend backend = backend(
                HttpBackendSettings.MAX_ATTEMPTS,
                "2",
                HttpBackendSettings.REQUEST_TIMEOUT_MS,
                String.valueOf(SHORT_REQUEST_TIMEOUT_MS));

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(request(MODEL)));

        assertThat(failure.getMessage())
                .contains("gave up after 2 attempts")
                .contains("no response within " + SHORT_REQUEST_TIMEOUT_MS + " ms");
        assertThat(failure.retryable()).isTrue();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
        assertThat(arrivals(2)).isEqualTo(2);
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedResponse() {
        server.stubFor(endpoint()
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Bad gateway page</body></html>")));
        assertMalformed();
    }

    @Test
    void aBodyWithoutTheNeededFieldsIsAMalformedResponse() {
        server.stubFor(endpoint().willReturn(missingFields()));
        assertMalformed();
    }

    @Test
    void aContextLengthErrorIsClearAndNotRetried() {
        server.stubFor(endpoint().willReturn(contextLengthError()));
        ModelBackend backend = backend();

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(request(MODEL)));

        assertThat(failure.getMessage())
                .contains(MODEL)
                .contains("context window")
                .contains("retriever_topk")
                .contains("max_tokens")
                .contains("rubric");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.costUsd()).isZero();
        assertThat(requests()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aClientErrorIsNotRetried() {
        server.stubFor(endpoint().willReturn(error(400, "Invalid value for temperature")));
        ModelBackend backend = backend();

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(request(MODEL)));

        assertThat(failure.getMessage()).contains("HTTP 400").contains("Invalid value for temperature");
        assertThat(failure.retryable()).isFalse();
        assertThat(requests()).hasSize(1);
    }

    @Test
    void theApiKeyIsSentInItsHeaderAndAppearsNowhereElse() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            ModelBackend backend = backend();
            seen.add(backend.toString());
            server.stubFor(endpoint().willReturn(success("ok", 10, 2)));
            seen.add(backend.complete(request(MODEL)).toString());
            for (ResponseDefinitionBuilder answer : List.of(
                    error(401, "Incorrect API key provided: " + API_KEY),
                    error(503, "overloaded, key " + API_KEY),
                    contextLengthError(),
                    missingFields())) {
                server.resetMappings();
                server.stubFor(endpoint().willReturn(answer));
                BackendException failure =
                        catchThrowableOfType(BackendException.class, () -> backend.complete(request(MODEL)));
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    seen.add(t.toString());
                }
            }
            seen.addAll(logs.lines());
        }

        assertThat(requests()).hasSize(1 + 1 + 3 + 1 + 1);
        for (LoggedRequest sent : requests()) {
            assertKeySent(sent, API_KEY);
            assertThat(sent.getUrl()).doesNotContain(API_KEY);
            assertThat(sent.getBodyAsString()).doesNotContain(API_KEY);
        }
        assertThat(seen).isNotEmpty().noneMatch(text -> text.contains(API_KEY));
        assertThat(String.join("\n", seen)).contains("[redacted]");
    }

    @Test
    void theCircuitBreakerOpensAfterConsecutiveFailuresAndFailsFast() throws Exception {
        server.stubFor(endpoint().willReturn(error(500, "Internal error")));
        ModelBackend backend = backend(
                HttpBackendSettings.MAX_ATTEMPTS, "1",
                HttpBackendSettings.CIRCUIT_BREAKER_FAILURES, "3",
                HttpBackendSettings.CIRCUIT_BREAKER_COOLDOWN_MS, "30000");
        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> backend.complete(request(MODEL))).hasMessageContaining("HTTP 500");
        }
        assertThat(requests()).hasSize(3);

        BackendException refused = catchThrowableOfType(BackendException.class, () -> backend.complete(request(MODEL)));
        assertThat(refused.getMessage()).contains("circuit breaker open").contains("30000 ms");
        assertThat(refused.retryable()).isTrue();
        assertThat(requests()).hasSize(3);

        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> backend.complete(request(MODEL))).hasMessageContaining("circuit breaker open");
        assertThat(requests()).hasSize(3);

        clock.advance(Duration.ofSeconds(1));
        server.resetMappings();
        server.stubFor(endpoint().willReturn(success("back", 10, 2)));
        assertThat(backend.complete(request(MODEL)).text()).isEqualTo("back");
        assertThat(backend.complete(request(MODEL)).text()).isEqualTo("back");
        assertThat(requests()).hasSize(5);
    }

    @Test
    void theConcurrencyLimitHolds() throws Exception {
        server.stubFor(endpoint().willReturn(success("ok", 10, 2).withTransformers(InFlightGate.NAME)));
        ModelBackend backend = backend(HttpBackendSettings.MAX_CONCURRENCY, String.valueOf(CONCURRENCY));
        int calls = CONCURRENCY * 3;
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        try {
            List<Future<ModelResponse>> answers = new ArrayList<>();
            for (int call = 0; call < calls; call++) {
                answers.add(threads.submit(() -> backend.complete(request(MODEL))));
            }
            for (Future<ModelResponse> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS).text()).isEqualTo("ok");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(gate.maxInFlight()).isEqualTo(CONCURRENCY);
        assertThat(requests()).hasSize(calls);
    }

    @Test
    void anUnknownModelIsReportedOnceAndCostsNothing() throws Exception {
        server.stubFor(endpoint().willReturn(success("ok", 1000, 100)));
        List<String> warnings;
        ModelResponse first;
        ModelBackend backend = backend();
        try (LogCapture logs = LogCapture.start()) {
            backend.price(UNKNOWN_MODEL);
            first = backend.complete(request(UNKNOWN_MODEL));
            backend.complete(request(UNKNOWN_MODEL));
            warnings = logs.messages(Level.WARNING).stream()
                    .filter(m -> m.contains(UNKNOWN_MODEL))
                    .toList();
        }
        assertThat(first.costUsd()).isZero();
        assertThat(first.usage()).isEqualTo(new TokenUsage(1000, 100));
        if (pricesEveryModel()) {
            assertThat(backend.price(UNKNOWN_MODEL)).isPresent();
            assertThat(warnings).isEmpty();
        } else {
            assertThat(backend.price(UNKNOWN_MODEL)).isEmpty();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("price." + UNKNOWN_MODEL + ".input");
        }
    }

    @Test
    void requestMetadataIsNeverSent() throws Exception {
        server.stubFor(endpoint().willReturn(success("ok", 10, 2)));

        backend().complete(request(MODEL));

        LoggedRequest sent = requests().get(0);
        assertThat(sent.getBodyAsString())
                .contains("Which queue does this ticket belong to?")
                .doesNotContain("ticket-0042")
                .doesNotContain("genome-7")
                .doesNotContain(ModelRequest.EXAMPLE_ID);
    }

    // ---------------------------------------------------------------- for the scenarios and subclasses

    @BeforeEach
    void startServer() {
        clock = new FakeClock();
        gate = new InFlightGate(CONCURRENCY);
        arrivals = new Arrivals();
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .jettyStopTimeout(0L)
                .extensions(gate, arrivals, new AdvanceClock(clock, SERVER_TIME)));
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        for (ModelBackend backend : backends) {
            if (backend instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        backends.clear();
        server.stop();
    }

    protected final WireMockServer server() {
        return server;
    }

    protected final FakeClock clock() {
        return clock;
    }

    /**
     * The shared settings of every scenario, with {@code overrides} given as key, value pairs: the key
     * comes from the environment variable {@value #API_KEY_ENV}, request timeout 10 s, 3 attempts, backoff 1 s to 8 s, Retry-After up to 60 s, no circuit
     * breaker, {@value #MODEL} at $2 / $8 per million tokens.
     */
    protected final Map<String, String> settings(String... overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(HttpBackendSettings.API_KEY_ENV, API_KEY_ENV);
        settings.put(HttpBackendSettings.CONNECT_TIMEOUT_MS, "2000");
        settings.put(HttpBackendSettings.REQUEST_TIMEOUT_MS, "10000");
        settings.put(HttpBackendSettings.MAX_ATTEMPTS, "3");
        settings.put(HttpBackendSettings.INITIAL_BACKOFF_MS, "1000");
        settings.put(HttpBackendSettings.MAX_BACKOFF_MS, "8000");
        settings.put(HttpBackendSettings.MAX_RETRY_WAIT_MS, "60000");
        settings.put(HttpBackendSettings.CIRCUIT_BREAKER_FAILURES, "0");
        settings.put(HttpBackendSettings.PRICE_PREFIX + MODEL + ".input", String.valueOf(PRICE.inputPerMillion()));
        settings.put(HttpBackendSettings.PRICE_PREFIX + MODEL + ".output", String.valueOf(PRICE.outputPerMillion()));
        if (overrides.length % 2 != 0) {
            throw new IllegalArgumentException("overrides come as key, value pairs");
        }
        for (int i = 0; i < overrides.length; i += 2) {
            settings.put(overrides[i], overrides[i + 1]);
        }
        return settings;
    }

    /** A backend on the fake server with {@link #settings} and the fake clock; closed after the test. */
    protected final ModelBackend backend(String... overrides) {
        ModelBackend backend = newBackend(
                "http://127.0.0.1:" + server.port(),
                settings(overrides),
                clock.environment(JITTER, Map.of(API_KEY_ENV, API_KEY)));
        backends.add(backend);
        return backend;
    }

    /**
     * The request of every scenario: a system and a user message, temperature 0.3, at most 200 tokens,
     * seed 42, tracing metadata that must never reach the provider.
     */
    protected static ModelRequest request(String model) {
        return new ModelRequest(
                model,
                List.of(
                        ChatMessage.system("You triage support tickets. Answer with one JSON object."),
                        ChatMessage.user("Which queue does this ticket belong to? My parcel never arrived.")),
                0.3,
                200,
                OptionalLong.of(42),
                false,
                Map.of(
                        ModelRequest.PURPOSE,
                        ModelRequest.PURPOSE_TASK,
                        ModelRequest.EXAMPLE_ID,
                        "ticket-0042",
                        ModelRequest.GENOME_ID,
                        "genome-7"));
    }

    /** Every request the fake server received, oldest first. */
    protected final List<LoggedRequest> requests() {
        return server.findAll(WireMock.anyRequestedFor(WireMock.anyUrl()));
    }

    /** Stubs {@link #endpoint()} to answer with {@code answers} in turn, then the last one for good. */
    protected final void stubSequence(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer-" + i;
            ScenarioMappingBuilder mapping =
                    endpoint().inScenario(SCENARIO).whenScenarioStateIs(state).willReturn(answers[i]);
            if (i + 1 < answers.length) {
                mapping = mapping.willSetStateTo("answer-" + (i + 1));
            }
            server.stubFor(mapping);
        }
    }

    /**
     * How many requests reached the server, counted on arrival (before any stubbed delay), once there
     * are {@code atLeast} or 2 s have passed: a loaded server may read a request after its client
     * already timed out.
     */
    protected final int arrivals(int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (arrivals.count() < atLeast && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return arrivals.count();
    }

    private void assertMalformed() {
        ModelBackend backend = backend();
        ModelRequest request = request(MODEL);

        BackendException failure = catchThrowableOfType(BackendException.class, () -> backend.complete(request));

        assertThat(failure.getMessage()).contains("malformed response").contains(MODEL);
        assertThat(failure.retryable()).isFalse();
        // the provider answered 200, so it may have billed: the worst case is counted
        assertThat(failure.costUsd())
                .isCloseTo(
                        PRICE.cost(HttpModelBackend.estimatePromptTokens(request), request.maxTokens()), within(1e-12))
                .isPositive();
        assertThat(requests()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }
}
