package dev.promptevo.executors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.executors.http.HttpBackendSettings.Resilience;
import dev.promptevo.executors.http.HttpBackendSettings.Spec;
import dev.promptevo.executors.http.testing.LogCapture;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class HttpBackendSettingsTest {
    private static final String SECRET = "sk-settings-test-5551234";
    private static final Spec OPTIONAL_KEY =
            new Spec("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", false, Set.of("auth-header"));
    private static final Spec REQUIRED_KEY =
            new Spec("anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", true, Set.of());

    @Test
    void withoutSettingsEverythingHasItsDefault() {
        HttpBackendSettings settings = HttpBackendSettings.parse(OPTIONAL_KEY, Map.of(), name -> null);

        assertThat(settings.baseUrl()).hasToString("https://api.openai.com/v1");
        assertThat(settings.apiKey().isPresent()).isFalse();
        assertThat(settings.resilience()).isEqualTo(Resilience.defaults());
        assertThat(settings.resilience().maxAttempts()).isEqualTo(4);
        assertThat(settings.resilience().requestTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.providerSettings()).isEmpty();
    }

    @Test
    void everySharedKeyIsRead() {
        HttpBackendSettings settings = HttpBackendSettings.parse(
                OPTIONAL_KEY,
                Map.ofEntries(
                        Map.entry("base-url", "http://127.0.0.1:8000/v1/"),
                        Map.entry("connect-timeout-ms", "1500"),
                        Map.entry("request-timeout-ms", "30000"),
                        Map.entry("max-attempts", "6"),
                        Map.entry("initial-backoff-ms", "250"),
                        Map.entry("max-backoff-ms", "4000"),
                        Map.entry("max-retry-wait-ms", "90000"),
                        Map.entry("max-concurrency", "3"),
                        Map.entry("requests-per-minute", "500"),
                        Map.entry("tokens-per-minute", "200000"),
                        Map.entry("circuit-breaker-failures", "7"),
                        Map.entry("circuit-breaker-cooldown-ms", "5000"),
                        Map.entry("auth-header", "api-key")),
                name -> null);

        assertThat(settings.baseUrl()).hasToString("http://127.0.0.1:8000/v1");
        assertThat(settings.resilience())
                .isEqualTo(new Resilience(
                        Duration.ofMillis(1500),
                        Duration.ofSeconds(30),
                        6,
                        Duration.ofMillis(250),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(90),
                        3,
                        500,
                        200_000,
                        7,
                        Duration.ofSeconds(5)));
        assertThat(settings.providerSetting("auth-header")).contains("api-key");
    }

    @Test
    void theKeyComesFromTheApiKeySettingFirstThenTheNamedVariable() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-from-default-env", "MY_KEY", SECRET);

        assertThat(HttpBackendSettings.parse(OPTIONAL_KEY, Map.of(), env::get)
                        .apiKey()
                        .source())
                .isEqualTo("the environment variable OPENAI_API_KEY");
        assertThat(HttpBackendSettings.parse(OPTIONAL_KEY, Map.of("api-key-env", "MY_KEY"), env::get)
                        .apiKey()
                        .redact(SECRET))
                .isEqualTo("[redacted]");
        HttpBackendSettings configured =
                HttpBackendSettings.parse(OPTIONAL_KEY, Map.of("api-key", SECRET, "api-key-env", "MY_KEY"), env::get);
        assertThat(configured.apiKey().source()).isEqualTo("the setting api-key");
        assertThat(configured.toString()).doesNotContain(SECRET);
        assertThat(configured.providerSettings()).doesNotContainValue(SECRET);
    }

    @Test
    void aMissingKeyIsExplainedWithoutGuessing() {
        assertThatThrownBy(() -> HttpBackendSettings.parse(OPTIONAL_KEY, Map.of("api-key-env", "NOPE"), name -> null))
                .hasMessageContaining("environment variable NOPE")
                .hasMessageContaining("not set");
        assertThatThrownBy(() -> HttpBackendSettings.parse(REQUIRED_KEY, Map.of(), name -> null))
                .hasMessageContaining("needs an API key")
                .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> HttpBackendSettings.parse(OPTIONAL_KEY, Map.of("max-attempts", "0"), name -> null))
                .hasMessageContaining("'max-attempts' must be a whole number in [1, 100], got '0'");
        assertThatThrownBy(
                        () -> HttpBackendSettings.parse(OPTIONAL_KEY, Map.of("request-timeout-ms", "2s"), name -> null))
                .hasMessageContaining("'request-timeout-ms'");
        assertThatThrownBy(() -> HttpBackendSettings.parse(OPTIONAL_KEY, Map.of("base-url", "localhost"), name -> null))
                .hasMessageContaining("'base-url' must be an http or https URL");
        assertThatThrownBy(() -> HttpBackendSettings.parse(
                        OPTIONAL_KEY, Map.of("tokens-per-minute", "1000000000"), name -> null))
                .hasMessageContaining("'tokens-per-minute'");
    }

    @Test
    void anUnknownKeyIsWarnedAbout() {
        try (LogCapture logs = LogCapture.start()) {
            HttpBackendSettings.parse(OPTIONAL_KEY, Map.of("max-attemps", "2"), name -> null);
            assertThat(logs.messages(Level.WARNING))
                    .singleElement()
                    .asString()
                    .contains("[max-attemps]")
                    .contains("max-attempts");
        }
    }
}
