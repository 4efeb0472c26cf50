package dev.promptevo.executors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
    private static final String SECRET = "sk-test-0123456789abcdef";

    @Test
    void itIsNeverShownOnlySentInAHeader() {
        ApiKey key = ApiKey.of("  " + SECRET + "\n", "the environment variable TEST_KEY");

        assertThat(key.toString()).doesNotContain(SECRET).contains("TEST_KEY").contains("[redacted]");
        assertThat(key.redact("Incorrect API key provided: " + SECRET + "."))
                .isEqualTo("Incorrect API key provided: [redacted].");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/x"));
        key.addTo(request, "Authorization", "Bearer ");
        assertThat(request.build().headers().firstValue("Authorization")).contains("Bearer " + SECRET);
    }

    @Test
    void noKeyAddsNoHeader() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/x"));
        ApiKey.none().addTo(request, "Authorization", "Bearer ");
        assertThat(request.build().headers().map()).isEmpty();
        assertThat(ApiKey.none().isPresent()).isFalse();
        assertThat(ApiKey.none().redact("text")).isEqualTo("text");
    }

    @Test
    void anUnusableKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> ApiKey.of("  ", "the setting api-key")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> ApiKey.of("sk-abc def-SECRETPART", "the setting api-key"))
                .hasMessageContaining("an HTTP header cannot carry it")
                .message()
                .doesNotContain("SECRETPART");
    }
}
