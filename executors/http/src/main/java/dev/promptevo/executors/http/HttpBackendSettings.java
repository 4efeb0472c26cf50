package dev.promptevo.executors.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The settings every HTTP backend shares, read from a provider's settings map (keys without the
 * {@code promptevo.backends.<id>.} prefix). The module README lists them with their defaults.
 *
 * @param baseUrl where the provider's API lives, without a trailing slash
 * @param apiKey the key, never shown (see {@link ApiKey})
 * @param resilience timeouts, retries, limits and the circuit breaker
 * @param prices the price table: the bundled rows overridden by {@code price.<model>.input|output}
 * @param providerSettings the provider's own keys that were given ({@link Spec#providerKeys()})
 */
public record HttpBackendSettings(
        URI baseUrl, ApiKey apiKey, Resilience resilience, PriceTable prices, Map<String, String> providerSettings) {

    public static final String BASE_URL = "base-url";
    /** The key itself; meant for server configuration (MicroProfile Config), never for API input. */
    public static final String API_KEY = "api-key";
    /** The name of the environment variable that holds the key. */
    public static final String API_KEY_ENV = "api-key-env";

    public static final String CONNECT_TIMEOUT_MS = "connect-timeout-ms";
    public static final String REQUEST_TIMEOUT_MS = "request-timeout-ms";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String INITIAL_BACKOFF_MS = "initial-backoff-ms";
    public static final String MAX_BACKOFF_MS = "max-backoff-ms";
    public static final String MAX_RETRY_WAIT_MS = "max-retry-wait-ms";
    public static final String MAX_CONCURRENCY = "max-concurrency";
    public static final String REQUESTS_PER_MINUTE = "requests-per-minute";
    public static final String TOKENS_PER_MINUTE = "tokens-per-minute";
    public static final String CIRCUIT_BREAKER_FAILURES = "circuit-breaker-failures";
    public static final String CIRCUIT_BREAKER_COOLDOWN_MS = "circuit-breaker-cooldown-ms";
    /** Prefix of the price keys {@code price.<model>.input} and {@code price.<model>.output}. */
    public static final String PRICE_PREFIX = "price.";

    /** The highest rate limit accepted, per minute; keeps the token buckets' arithmetic exact. */
    public static final long MAX_PER_MINUTE = 100_000_000L;

    private static final System.Logger LOG = System.getLogger(HttpBackendSettings.class.getName());
    private static final Set<String> SHARED_KEYS = Set.of(
            BASE_URL,
            API_KEY,
            API_KEY_ENV,
            CONNECT_TIMEOUT_MS,
            REQUEST_TIMEOUT_MS,
            MAX_ATTEMPTS,
            INITIAL_BACKOFF_MS,
            MAX_BACKOFF_MS,
            MAX_RETRY_WAIT_MS,
            MAX_CONCURRENCY,
            REQUESTS_PER_MINUTE,
            TOKENS_PER_MINUTE,
            CIRCUIT_BREAKER_FAILURES,
            CIRCUIT_BREAKER_COOLDOWN_MS);

    public HttpBackendSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(prices, "prices");
        providerSettings = Map.copyOf(providerSettings);
    }

    /**
     * What a provider brings to the shared settings.
     *
     * @param providerId the plugin id, in messages
     * @param defaultBaseUrl used when {@code base-url} is absent
     * @param defaultApiKeyEnv the environment variable read when neither {@code api-key} nor {@code
     *     api-key-env} is given
     * @param apiKeyRequired whether a backend without a key is refused when it is made
     * @param providerKeys the provider's own setting keys, kept in {@link #providerSettings()}
     */
    public record Spec(
            String providerId,
            String defaultBaseUrl,
            String defaultApiKeyEnv,
            boolean apiKeyRequired,
            Set<String> providerKeys) {
        public Spec {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
            Objects.requireNonNull(defaultApiKeyEnv, "defaultApiKeyEnv");
            providerKeys = Set.copyOf(providerKeys);
        }
    }

    /**
     * Reads {@code settings}. The key is the {@code api-key} setting when given, else the environment
     * variable named by {@code api-key-env} (default {@link Spec#defaultApiKeyEnv()}). Unknown keys are
     * logged as a warning (a misspelt limit should not pass unnoticed) and otherwise ignored.
     *
     * @throws IllegalArgumentException naming the key at fault, for a malformed value, an {@code
     *     api-key-env} that names an unset variable, or a missing required key
     */
    public static HttpBackendSettings parse(
            Spec spec, Map<String, String> settings, Function<String, String> variables) {
        Reader reader = new Reader(spec.providerId(), settings);
        Set<String> unknown = new TreeSet<>();
        Map<String, String> own = new LinkedHashMap<>();
        settings.keySet().forEach(key -> {
            if (spec.providerKeys().contains(key)) {
                own.put(key, settings.get(key));
            } else if (!SHARED_KEYS.contains(key) && !key.startsWith(PRICE_PREFIX)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(SHARED_KEYS);
            known.addAll(spec.providerKeys());
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}: ignoring unknown backend settings {1}; known: {2} and price.<model>.input|output",
                    spec.providerId(),
                    unknown,
                    known);
        }
        return new HttpBackendSettings(
                baseUrl(spec, settings.getOrDefault(BASE_URL, spec.defaultBaseUrl())),
                apiKey(spec, settings, variables),
                Resilience.read(reader),
                PriceTable.fromSettings(spec.providerId(), settings),
                own);
    }

    /** A provider key's value, when it was given. */
    public Optional<String> providerSetting(String key) {
        return Optional.ofNullable(providerSettings.get(key));
    }

    /**
     * Timeouts, retries, limits and the circuit breaker of one backend.
     *
     * @param maxAttempts tries per call, the first included (1: never retry)
     * @param initialBackoff the backoff cap of the first retry; it doubles per retry up to {@code
     *     maxBackoff}, and the wait is drawn uniformly below the cap ("full jitter")
     * @param maxRetryWait the longest wait a {@code Retry-After} header may ask for; longer requests are
     *     cut to it
     * @param maxConcurrency calls in flight at once
     * @param requestsPerMinute 0: unlimited
     * @param tokensPerMinute 0: unlimited
     * @param breakerFailures consecutive failed attempts that open the circuit breaker; 0: no breaker
     * @param breakerCooldown how long an open breaker refuses calls before it lets one trial through
     */
    public record Resilience(
            Duration connectTimeout,
            Duration requestTimeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration maxRetryWait,
            int maxConcurrency,
            long requestsPerMinute,
            long tokensPerMinute,
            int breakerFailures,
            Duration breakerCooldown) {

        public Resilience {
            requirePositive(connectTimeout, CONNECT_TIMEOUT_MS);
            requirePositive(requestTimeout, REQUEST_TIMEOUT_MS);
            requireNotNegative(initialBackoff, INITIAL_BACKOFF_MS);
            requireNotNegative(maxBackoff, MAX_BACKOFF_MS);
            requireNotNegative(maxRetryWait, MAX_RETRY_WAIT_MS);
            requireNotNegative(breakerCooldown, CIRCUIT_BREAKER_COOLDOWN_MS);
            if (maxAttempts < 1 || maxConcurrency < 1 || breakerFailures < 0) {
                throw new IllegalArgumentException(
                        "maxAttempts and maxConcurrency must be >= 1 and breakerFailures >= 0");
            }
            if (requestsPerMinute < 0
                    || tokensPerMinute < 0
                    || requestsPerMinute > MAX_PER_MINUTE
                    || tokensPerMinute > MAX_PER_MINUTE) {
                throw new IllegalArgumentException("rate limits must be in [0, " + MAX_PER_MINUTE + "]");
            }
        }

        /**
         * Connect 10 s, request 120 s, 4 attempts, backoff from 500 ms up to 20 s, Retry-After up to
         * 60 s, 8 calls in flight, no rate limits, breaker after 5 failures with a 30 s cool-down.
         */
        public static Resilience defaults() {
            return new Resilience(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(120),
                    4,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(20),
                    Duration.ofSeconds(60),
                    8,
                    0,
                    0,
                    5,
                    Duration.ofSeconds(30));
        }

        static Resilience read(Reader reader) {
            Resilience d = defaults();
            return new Resilience(
                    reader.millis(CONNECT_TIMEOUT_MS, d.connectTimeout(), 1),
                    reader.millis(REQUEST_TIMEOUT_MS, d.requestTimeout(), 1),
                    (int) reader.whole(MAX_ATTEMPTS, d.maxAttempts(), 1, 100),
                    reader.millis(INITIAL_BACKOFF_MS, d.initialBackoff(), 0),
                    reader.millis(MAX_BACKOFF_MS, d.maxBackoff(), 0),
                    reader.millis(MAX_RETRY_WAIT_MS, d.maxRetryWait(), 0),
                    (int) reader.whole(MAX_CONCURRENCY, d.maxConcurrency(), 1, 10_000),
                    reader.whole(REQUESTS_PER_MINUTE, d.requestsPerMinute(), 0, MAX_PER_MINUTE),
                    reader.whole(TOKENS_PER_MINUTE, d.tokensPerMinute(), 0, MAX_PER_MINUTE),
                    (int) reader.whole(CIRCUIT_BREAKER_FAILURES, d.breakerFailures(), 0, 10_000),
                    reader.millis(CIRCUIT_BREAKER_COOLDOWN_MS, d.breakerCooldown(), 0));
        }

        private static void requirePositive(Duration duration, String key) {
            Objects.requireNonNull(duration, key);
            if (!duration.isPositive()) {
                throw new IllegalArgumentException(key + " must be > 0");
            }
        }

        private static void requireNotNegative(Duration duration, String key) {
            Objects.requireNonNull(duration, key);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(key + " must be >= 0");
            }
        }
    }

    private static URI baseUrl(Spec spec, String value) {
        String url = value.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("the " + spec.providerId() + " backend's setting '" + BASE_URL
                + "' must be an http or https URL such as " + spec.defaultBaseUrl() + ", got '" + value + "'");
    }

    private static ApiKey apiKey(Spec spec, Map<String, String> settings, Function<String, String> variables) {
        String configured = settings.get(API_KEY);
        if (configured != null && !configured.isBlank()) {
            return ApiKey.of(configured, "the setting " + API_KEY);
        }
        String explicitEnv = settings.get(API_KEY_ENV);
        String env = explicitEnv == null || explicitEnv.isBlank() ? spec.defaultApiKeyEnv() : explicitEnv.strip();
        String value = variables.apply(env);
        if (value != null && !value.isBlank()) {
            return ApiKey.of(value, "the environment variable " + env);
        }
        if (explicitEnv != null && !explicitEnv.isBlank()) {
            throw new IllegalArgumentException("the " + spec.providerId() + " backend reads its API key from the"
                    + " environment variable " + env + " (setting '" + API_KEY_ENV + "'), which is not set");
        }
        if (spec.apiKeyRequired()) {
            throw new IllegalArgumentException("the " + spec.providerId() + " backend needs an API key: set the"
                    + " environment variable " + env + ", name another one with the setting '" + API_KEY_ENV
                    + "', or give '" + API_KEY + "' in the server configuration");
        }
        LOG.log(
                System.Logger.Level.INFO,
                "{0}: no API key ({1} is not set); requests go without one, as local servers expect",
                spec.providerId(),
                env);
        return ApiKey.none(
                "set the environment variable " + env + " or name another one with the setting '" + API_KEY_ENV + "'");
    }

    /** Reads typed values with messages that name the provider and the key. */
    static final class Reader {
        private final String providerId;
        private final Map<String, String> settings;

        Reader(String providerId, Map<String, String> settings) {
            this.providerId = providerId;
            this.settings = settings;
        }

        long whole(String key, long defaultValue, long min, long max) {
            String value = settings.get(key);
            if (value == null || value.isBlank()) {
                return defaultValue;
            }
            try {
                long parsed = Long.parseLong(value.strip());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("the " + providerId + " backend's setting '" + key
                    + "' must be a whole number in [" + min + ", " + max + "], got '" + value + "'");
        }

        Duration millis(String key, Duration defaultValue, long min) {
            return Duration.ofMillis(
                    whole(key, defaultValue.toMillis(), min, Duration.ofDays(1).toMillis()));
        }
    }
}
