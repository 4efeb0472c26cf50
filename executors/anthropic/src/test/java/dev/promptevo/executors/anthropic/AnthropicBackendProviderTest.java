package dev.promptevo.executors.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.ChatMessage;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.HttpModelBackend;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AnthropicBackendProviderTest {

    @Test
    void theProviderIsFoundAsAPlugin() {
        assertThat(Plugins.load(ModelBackendProvider.class).get("anthropic"))
                .isInstanceOf(AnthropicBackendProvider.class);
    }

    @Test
    void itDefaultsToAnthropicWithItsPrices() {
        HttpEnvironment environment = withVariables(Map.of("ANTHROPIC_API_KEY", "sk-ant-provider-test"));
        try (HttpModelBackend backend = AnthropicBackendProvider.create(Map.of(), environment)) {
            assertThat(backend.id()).isEqualTo("anthropic");
            assertThat(backend.settings().baseUrl()).hasToString("https://api.anthropic.com");
            assertThat(backend.price("claude-sonnet-4-5")).contains(new ModelPrice(3, 15));
            assertThat(backend.settings().apiKey().source()).isEqualTo("the environment variable ANTHROPIC_API_KEY");
        }
    }

    @Test
    void onlyAGreedyCallMayBeReplayedSinceTheApiHasNoSeed() {
        HttpEnvironment environment = withVariables(Map.of("ANTHROPIC_API_KEY", "sk-ant-provider-test"));
        try (HttpModelBackend backend = AnthropicBackendProvider.create(Map.of(), environment)) {
            assertThat(backend.replayScope(request(0.7))).isEmpty();
            assertThat(backend.replayScope(request(0.0)))
                    .hasValueSatisfying(scope -> assertThat(scope)
                            .isEqualTo("anthropic https://api.anthropic.com")
                            .doesNotContain("sk-ant"));
        }
    }

    private static ModelRequest request(double temperature) {
        return new ModelRequest(
                "claude-sonnet-4-5",
                List.of(ChatMessage.user("hi")),
                temperature,
                16,
                OptionalLong.of(3),
                false,
                Map.of());
    }

    @Test
    void withoutAKeyItRefusesToStartAndSaysHowToSetOne() {
        assertThatThrownBy(() -> AnthropicBackendProvider.create(Map.of(), withVariables(Map.of())))
                .hasMessageContaining("needs an API key")
                .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    private static HttpEnvironment withVariables(Map<String, String> variables) {
        HttpEnvironment system = HttpEnvironment.system();
        return new HttpEnvironment(
                system.ticker(), system.sleeper(), system.wallClock(), system.jitter(), variables::get);
    }
}
