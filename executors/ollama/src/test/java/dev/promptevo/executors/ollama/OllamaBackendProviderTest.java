package dev.promptevo.executors.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.api.model.ModelPrice;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.executors.http.HttpEnvironment;
import dev.promptevo.executors.http.HttpModelBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OllamaBackendProviderTest {

    @Test
    void theProviderIsFoundAsAPlugin() {
        assertThat(Plugins.load(ModelBackendProvider.class).get("ollama")).isInstanceOf(OllamaBackendProvider.class);
    }

    @Test
    void itDefaultsToALocalServerWhereEveryModelIsFree() {
        HttpEnvironment system = HttpEnvironment.system();
        HttpEnvironment noVariables = new HttpEnvironment(
                system.ticker(), system.sleeper(), system.wallClock(), system.jitter(), name -> null);
        try (HttpModelBackend backend = OllamaBackendProvider.create(Map.of(), noVariables)) {
            assertThat(backend.id()).isEqualTo("ollama");
            assertThat(backend.settings().baseUrl()).hasToString("http://127.0.0.1:11434");
            assertThat(backend.price("qwen2.5:7b")).contains(new ModelPrice(0, 0));
            assertThat(backend.settings().prices().unknownModels()).isEmpty();
        }
    }

    @Test
    void aPriceSettingOverridesTheFreeDefault() {
        HttpEnvironment system = HttpEnvironment.system();
        HttpEnvironment noVariables = new HttpEnvironment(
                system.ticker(), system.sleeper(), system.wallClock(), system.jitter(), name -> null);
        Map<String, String> settings = Map.of("price.big-model.input", "0.5", "price.big-model.output", "1.5");
        try (HttpModelBackend backend = OllamaBackendProvider.create(settings, noVariables)) {
            assertThat(backend.price("big-model")).contains(new ModelPrice(0.5, 1.5));
            assertThat(backend.price("small-model")).contains(new ModelPrice(0, 0));
        }
    }
}
