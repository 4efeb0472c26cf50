package dev.promptevo.executors.http;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.executors.http.HttpBackendSettings.Resilience;
import dev.promptevo.executors.http.WireProtocol.Completion;
import dev.promptevo.executors.http.WireProtocol.Rejection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A {@link ModelBackend} over HTTP: a {@link WireProtocol} for the provider's format, and the one
 * retry and resilience layer every HTTP backend shares. A call
 *
 * <ol>
 *   <li>is refused at once while the circuit breaker is open;
 *   <li>waits for the requests-per-minute and tokens-per-minute limits (the tokens are estimated as
 *       prompt characters / 4 + {@code maxTokens}, then corrected to the provider's count);
 *   <li>waits for one of {@code max-concurrency} slots, held only while the request is in flight;
 *   <li>is sent with the connect and request timeouts;
 *   <li>is retried, up to {@code max-attempts} tries in all, on 408, 409, 429, 5xx, network errors and
 *       timeouts: after the wait the provider asked for ({@code retry-after-ms}, {@code Retry-After},
 *       at most {@code max-retry-wait-ms}), else after an exponential backoff with full jitter.
 * </ol>
 *
 * A failure becomes a {@link BackendException} whose message names the provider, the model and the
 * reason (the API key redacted); its cost is 0 unless the provider answered 2xx (then it may have
 * billed: a malformed 2xx answer costs its worst case, the estimated prompt and {@code maxTokens}).
 * The reported latency is that of the successful HTTP exchange alone: waits for limits, slots and
 * retries are not the model's latency.
 *
 * <p>Thread-safe; {@link #close()} releases the HTTP client.
 */
public final class HttpModelBackend implements ModelBackend, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpModelBackend.class.getName());
    private static final int CHARS_PER_TOKEN = 4;

    private final WireProtocol protocol;
    private final HttpBackendSettings settings;
    private final Resilience resilience;
    private final HttpEnvironment environment;
    private final HttpClient client;
    private final Semaphore slots;
    private final TokenBucket requestsPerMinute;
    private final TokenBucket tokensPerMinute;
    private final CircuitBreaker breaker;

    private HttpModelBackend(WireProtocol protocol, HttpBackendSettings settings, HttpEnvironment environment) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.resilience = settings.resilience();
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(resilience.connectTimeout())
                // HTTP/1.1: local servers (vLLM, llama.cpp, Ollama) do not all take the h2c upgrade
                .version(HttpClient.Version.HTTP_1_1);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        this.client = builder.build();
        this.slots = new Semaphore(resilience.maxConcurrency(), true);
        this.requestsPerMinute = resilience.requestsPerMinute() == 0
                ? null
                : new TokenBucket(resilience.requestsPerMinute(), environment.ticker());
        this.tokensPerMinute = resilience.tokensPerMinute() == 0
                ? null
                : new TokenBucket(resilience.tokensPerMinute(), environment.ticker());
        this.breaker =
                new CircuitBreaker(resilience.breakerFailures(), resilience.breakerCooldown(), environment.ticker());
    }

    public static HttpModelBackend of(
            WireProtocol protocol, HttpBackendSettings settings, HttpEnvironment environment) {
        return new HttpModelBackend(protocol, settings, environment);
    }

    @Override
    public String id() {
        return protocol.providerId();
    }

    /** The price table's answer; an unknown model is reported once (see {@link PriceTable}). */
    @Override
    public Optional<ModelPrice> price(String model) {
        return settings.prices().price(model);
    }

    /**
     * Present when the call asks the provider for a reproducible answer: greedy decoding (temperature
     * 0), or a seed the protocol sends ({@link WireProtocol#sendsSeed()}). Providers only approximate
     * determinism even then (OpenAI calls its seed "best effort"), so reusing a stored answer freezes
     * one of the answers the provider could have given, which is what the seed asks for. The scope
     * is the provider id and base URL (no key).
     */
    @Override
    public Optional<String> replayScope(ModelRequest request) {
        boolean reproducible = request.temperature() == 0 || (request.seed().isPresent() && protocol.sendsSeed());
        return reproducible ? Optional.of(protocol.providerId() + " " + settings.baseUrl()) : Optional.empty();
    }

    public HttpBackendSettings settings() {
        return settings;
    }

    @Override
    public ModelResponse complete(ModelRequest request) throws BackendException {
        Optional<ModelPrice> price = price(request.model());
        long promptEstimate = estimatePromptTokens(request);
        long tokenEstimate = promptEstimate + request.maxTokens();
        HttpRequest httpRequest =
                protocol.request(request).timeout(resilience.requestTimeout()).build();
        String lastFailure = "";
        for (int attempt = 1; attempt <= resilience.maxAttempts(); attempt++) {
            if (!breaker.tryAcquire()) {
                throw failure(request, breaker.refusal(), true, 0.0);
            }
            Exchange exchange;
            try {
                waitForRateLimits(tokenEstimate);
                exchange = send(httpRequest);
            } catch (InterruptedException e) {
                breaker.onAbandoned();
                Thread.currentThread().interrupt();
                throw failure(request, "interrupted while waiting for a rate limit, a slot or the answer", false, 0.0);
            }
            if (exchange.response() != null && isSuccess(exchange.response().statusCode())) {
                return completed(request, exchange, price, promptEstimate, tokenEstimate);
            }
            Retry retry = exchange.response() == null
                    ? unreachable(exchange.error())
                    : rejected(request, exchange.response(), tokenEstimate);
            lastFailure = retry.reason();
            if (attempt < resilience.maxAttempts()) {
                Duration wait = retry.askedWait().isPresent()
                        ? min(retry.askedWait().get(), resilience.maxRetryWait())
                        : backoff(attempt);
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0}: attempt {1} of {2} failed ({3}); retrying in {4} ms",
                        id(),
                        attempt,
                        resilience.maxAttempts(),
                        redact(lastFailure),
                        wait.toMillis());
                try {
                    environment.sleeper().sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure(request, "interrupted while waiting to retry after: " + lastFailure, false, 0.0);
                }
            }
        }
        int attempts = resilience.maxAttempts();
        throw failure(
                request,
                "gave up after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + lastFailure,
                true,
                0.0);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "HttpModelBackend[" + id() + " at " + settings.baseUrl() + "]";
    }

    /**
     * The prompt tokens of {@code request} as estimated before the call, for the tokens-per-minute
     * limit and the worst-case cost of a malformed answer: characters / 4, rounded up.
     */
    public static long estimatePromptTokens(ModelRequest request) {
        return (request.promptText().length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** The provider could not be reached or did not answer in time: a failed attempt, retried. */
    private Retry unreachable(IOException error) {
        breaker.onFailure();
        return new Retry(describe(error), Optional.empty());
    }

    /**
     * A non-2xx answer: thrown at once when it is not worth retrying, else the reason and the wait the
     * provider asked for.
     */
    private Retry rejected(ModelRequest request, HttpResponse<String> response, long tokenEstimate)
            throws BackendException {
        int status = response.statusCode();
        refundTokens(tokenEstimate);
        if (status >= 500 || status == 408) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        Rejection rejection = protocol.explain(status, response.body(), request)
                .orElseGet(() -> genericRejection(status, response.body(), request));
        if (!rejection.retryable()) {
            throw failure(request, rejection.reason(), false, 0.0);
        }
        return new Retry(
                rejection.reason(),
                RetryAfter.of(response.headers(), environment.wallClock().instant()));
    }

    private ModelResponse completed(
            ModelRequest request,
            Exchange exchange,
            Optional<ModelPrice> price,
            long promptEstimate,
            long tokenEstimate)
            throws BackendException {
        Completion completion;
        try {
            completion = protocol.parse(exchange.response().body());
        } catch (MalformedResponseException e) {
            breaker.onFailure();
            double worstCase =
                    price.map(p -> p.cost(promptEstimate, request.maxTokens())).orElse(0.0);
            throw failure(
                    request,
                    "malformed response (HTTP " + exchange.response().statusCode() + "): " + e.getMessage()
                            + (worstCase > 0
                                    ? "; counted at its worst-case cost, since the provider may have billed it"
                                    : ""),
                    false,
                    worstCase);
        }
        breaker.onSuccess();
        if (tokensPerMinute != null) {
            tokensPerMinute.adjust(completion.usage().total() - tokenEstimate);
        }
        double cost = price.map(p -> p.cost(
                        completion.usage().promptTokens(), completion.usage().completionTokens()))
                .orElse(0.0);
        return new ModelResponse(
                completion.text(), completion.usage(), exchange.nanos() / 1_000_000.0, completion.finishReason(), cost);
    }

    private void waitForRateLimits(long tokenEstimate) throws InterruptedException {
        Duration wait = Duration.ZERO;
        if (requestsPerMinute != null) {
            wait = requestsPerMinute.take(1);
        }
        if (tokensPerMinute != null) {
            wait = max(wait, tokensPerMinute.take(tokenEstimate));
        }
        if (wait.isPositive()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: waiting {1} ms for the rate limits", id(), wait.toMillis());
            environment.sleeper().sleep(wait);
        }
    }

    /** The provider turned the request away, so its tokens did not count against the minute. */
    private void refundTokens(long tokenEstimate) {
        if (tokensPerMinute != null) {
            tokensPerMinute.adjust(-tokenEstimate);
        }
    }

    private Exchange send(HttpRequest request) throws InterruptedException {
        slots.acquire();
        try {
            long start = environment.ticker().nanos();
            try {
                HttpResponse<String> response =
                        client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Exchange(response, null, environment.ticker().nanos() - start);
            } catch (IOException e) {
                return new Exchange(null, e, environment.ticker().nanos() - start);
            }
        } finally {
            slots.release();
        }
    }

    private Duration backoff(int attempt) {
        long cap = resilience.maxBackoff().toNanos();
        long ceiling = Math.min(resilience.initialBackoff().toNanos(), cap);
        for (int retry = 1; retry < attempt && ceiling < cap; retry++) {
            ceiling = Math.min(cap, ceiling * 2);
        }
        return Duration.ofNanos((long) (environment.jitter().nextDouble() * ceiling));
    }

    private Rejection genericRejection(int status, String body, ModelRequest request) {
        String said = protocol.errorMessage(body);
        String hint = switch (status) {
            case 401, 403 ->
                settings.apiKey().isPresent()
                        ? " (check the API key from " + settings.apiKey().source() + ")"
                        : " (no API key was sent: " + settings.apiKey().source() + ")";
            case 404 ->
                " (check the setting base-url " + settings.baseUrl() + " and the model name '" + request.model() + "')";
            default -> "";
        };
        boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
        return new Rejection("HTTP " + status + hint + ": " + said, retryable);
    }

    private String describe(IOException error) {
        if (error instanceof HttpConnectTimeoutException) {
            return "could not connect to " + settings.baseUrl() + " within "
                    + resilience.connectTimeout().toMillis() + " ms (connect-timeout-ms)";
        }
        if (error instanceof HttpTimeoutException) {
            return "no response within " + resilience.requestTimeout().toMillis() + " ms (request-timeout-ms)";
        }
        if (error instanceof ConnectException) {
            return "cannot connect to " + settings.baseUrl() + " ("
                    + error.getClass().getSimpleName() + ")";
        }
        String message = error.getMessage();
        return "network error: " + error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private BackendException failure(ModelRequest request, String reason, boolean retryable, double costUsd) {
        return new BackendException(
                redact(id() + ", model '" + request.model() + "': " + reason), retryable, costUsd, null);
    }

    private String redact(String text) {
        return settings.apiKey().redact(text);
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One HTTP exchange: an answer, or the error that stopped it; and how long it took. */
    private record Exchange(HttpResponse<String> response, IOException error, long nanos) {}

    /** Why an attempt failed, and the wait the provider asked for before the next one. */
    private record Retry(String reason, Optional<Duration> askedWait) {}
}
