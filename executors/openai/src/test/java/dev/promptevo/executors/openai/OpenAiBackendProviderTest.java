package dev.promptevo.executors.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.executors.http.HttpModelBackend;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OpenAiBackendProviderTest {

    @Test
    void theProviderIsFoundAsAPlugin() {
        assertThat(Plugins.load(ModelBackendProvider.class).get("openai")).isInstanceOf(OpenAiBackendProvider.class);
    }

    @Test
    void itDefaultsToOpenAiWithItsPrices() {
        ModelBackend backend = new OpenAiBackendProvider()
                .create(new ModelBackendProvider.Context(
                        Map.of("api-key", "sk-provider-test"), Path.of("."), List.of()));
        try (HttpModelBackend http = (HttpModelBackend) backend) {
            assertThat(http.id()).isEqualTo("openai");
            assertThat(http.settings().baseUrl()).hasToString("https://api.openai.com/v1");
            assertThat(http.price("gpt-4o-mini")).contains(new ModelPrice(0.15, 0.60));
            assertThat(http.toString()).doesNotContain("sk-provider-test");
        }
    }

    @Test
    void aSeededOrGreedyCallMayBeReplayedAndTheScopeHoldsNoKey() {
        ModelBackend backend = new OpenAiBackendProvider()
                .create(new ModelBackendProvider.Context(
                        Map.of("api-key", "sk-provider-test"), Path.of("."), List.of()));
        try (HttpModelBackend http = (HttpModelBackend) backend) {
            assertThat(http.replayScope(request(0.7, OptionalLong.of(3))))
                    .as("OpenAI is sent the seed")
                    .contains("openai https://api.openai.com/v1");
            assertThat(http.replayScope(request(0.0, OptionalLong.empty()))).isPresent();
            assertThat(http.replayScope(request(0.7, OptionalLong.empty()))).isEmpty();
        }
    }

    static ModelRequest request(double temperature, OptionalLong seed) {
        return new ModelRequest("gpt-4o-mini", List.of(ChatMessage.user("hi")), temperature, 16, seed, false, Map.of());
    }

    @Test
    void theTokenLimitFieldFollowsTheHost() {
        assertThat(MaxTokensParameter.AUTO.field(URI.create("https://api.openai.com/v1")))
                .isEqualTo("max_completion_tokens");
        assertThat(MaxTokensParameter.AUTO.field(URI.create("http://127.0.0.1:8000/v1")))
                .isEqualTo("max_tokens");
        assertThat(MaxTokensParameter.MAX_TOKENS.field(URI.create("https://api.openai.com/v1")))
                .isEqualTo("max_tokens");
        assertThatThrownBy(() -> MaxTokensParameter.parse("both"))
                .hasMessageContaining("'max-tokens-parameter' must be auto, max_tokens or max_completion_tokens");
    }
}
