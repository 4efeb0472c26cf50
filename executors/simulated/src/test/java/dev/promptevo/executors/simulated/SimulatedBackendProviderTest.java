package dev.promptevo.executors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promptevo.api.model.BackendException;
import dev.promptevo.api.model.ModelBackend;
import dev.promptevo.api.model.ModelBackendProvider;
import dev.promptevo.api.model.ModelRequest;
import dev.promptevo.api.model.ModelResponse;
import dev.promptevo.api.plugin.PluginRegistry;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.api.task.Example;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedBackendProviderTest {
    private static final List<Example> EXAMPLES = Tickets.mixed(20, 41);

    @Test
    void theProviderIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ModelBackendProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(SimulatedBackendProvider.class);
        PluginRegistry<ModelBackendProvider> registry = Plugins.load(ModelBackendProvider.class);
        assertThat(registry.get("simulated")).isInstanceOf(SimulatedBackendProvider.class);
    }

    @Test
    void withoutSettingsItUsesTheDefaultsAndSeedZero() throws BackendException {
        ModelBackend backend = create(Map.of(), Path.of("."));
        assertThat(backend.id()).isEqualTo("simulated");
        assertThat(backend.price("sim-medium")).isPresent();
        ModelRequest request = Tickets.request(EXAMPLES.get(0), "sim-medium", "Be brief.", false, 0.5, 256, 1);
        assertThat(backend.complete(request))
                .isEqualTo(SimulatedBackend.of(SimulatorParameters.defaults(), 0, EXAMPLES, false)
                        .complete(request));
    }

    @Test
    void theSeedSettingChangesTheDraws() throws BackendException {
        ModelBackend zero = create(Map.of(), Path.of("."));
        ModelBackend seven = create(Map.of("seed", "7"), Path.of("."));
        int differ = 0;
        for (Example example : EXAMPLES) {
            ModelRequest request = Tickets.request(example, "sim-medium", "Be brief.", false, 0.5, 256, 1);
            differ += zero.complete(request).equals(seven.complete(request)) ? 0 : 1;
        }
        assertThat(differ).isEqualTo(EXAMPLES.size());
    }

    @Test
    void theConfigSettingIsAFileRelativeToTheTaskDirectory(@TempDir Path taskDirectory) throws Exception {
        Files.createDirectories(taskDirectory.resolve("sim"));
        Files.writeString(taskDirectory.resolve("sim/params.json"), """
                {"models": [{"name": "house-model", "capability": 0.8, "firstTokenMs": 50, "msPerOutputToken": 5,
                  "msPerPromptToken": 0.01, "inputPerMillion": 1.0, "outputPerMillion": 2.0}]}""");
        ModelBackend backend = create(Map.of("config", "sim/params.json", "seed", "3"), taskDirectory);
        assertThat(backend.price("house-model")).isPresent();
        assertThat(backend.price("sim-small")).isEmpty();
        assertThatThrownBy(() -> backend.complete(Tickets.request(EXAMPLES.get(0), "sim-small", "", false, 0, 256, 0)))
                .hasMessageContaining("known models: house-model");
    }

    @Test
    void aFixedLatencyIsReportedForEveryCallAndLeavesTheAnswerAlone() throws BackendException {
        ModelBackend fixed = create(Map.of("fixed-latency-ms", "12.5"), Path.of("."));
        ModelBackend modelled = create(Map.of(), Path.of("."));
        for (Example example : EXAMPLES.subList(0, 5)) {
            for (String model : List.of("sim-small", "sim-large")) {
                ModelRequest request = Tickets.request(example, model, "Be brief.", true, 0.5, 512, 1);
                ModelResponse response = fixed.complete(request);
                ModelResponse usual = modelled.complete(request);
                assertThat(response.latencyMs()).isEqualTo(12.5);
                assertThat(usual.latencyMs()).isNotEqualTo(12.5);
                assertThat(response.text()).isEqualTo(usual.text());
                assertThat(response.usage()).isEqualTo(usual.usage());
                assertThat(response.costUsd()).isEqualTo(usual.costUsd());
            }
        }
    }

    @Test
    void inRealtimeAFixedLatencyIsSleptAtLeastThatLong() throws BackendException {
        ModelBackend fixed = create(Map.of("realtime", "true", "fixed-latency-ms", "30"), Path.of("."));
        for (int i = 0; i < 3; i++) {
            ModelRequest request = Tickets.request(EXAMPLES.get(i), "sim-large", "Be brief.", true, 0.5, 512, i);
            long start = System.nanoTime();
            ModelResponse response = fixed.complete(request);
            double elapsedMs = (System.nanoTime() - start) / 1e6;
            assertThat(response.latencyMs()).isEqualTo(30.0);
            assertThat(elapsedMs).isGreaterThanOrEqualTo(30.0);
        }
    }

    @Test
    void badSettingsAreExplained(@TempDir Path taskDirectory) {
        assertThatThrownBy(() -> create(Map.of("seed", "abc"), taskDirectory))
                .hasMessageContaining("'seed' must be a whole number");
        assertThatThrownBy(() -> create(Map.of("realtime", "yes"), taskDirectory))
                .hasMessageContaining("'realtime' must be true or false");
        for (String bad : List.of("fast", "-1", "NaN", "Infinity")) {
            assertThatThrownBy(() -> create(Map.of("fixed-latency-ms", bad), taskDirectory))
                    .hasMessageContaining("'fixed-latency-ms' must be a number of milliseconds >= 0")
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> create(Map.of("config", "nope.json"), taskDirectory))
                .hasMessageContaining("nope.json");
    }

    @Test
    void duplicateExampleIdsAreRefused() {
        List<Example> twice = List.of(EXAMPLES.get(0), EXAMPLES.get(0));
        assertThatThrownBy(() -> new SimulatedBackendProvider()
                        .create(new ModelBackendProvider.Context(Map.of(), Path.of("."), twice)))
                .hasMessageContaining("share the id");
    }

    @Test
    void examplesWhoseAnswerIsNotAJsonObjectAreRefused() {
        Example list = new Example("t-list", "Tags?", "[\"a\", \"b\"]", 0.5, List.of(), List.of());
        assertThatThrownBy(() -> new SimulatedBackendProvider()
                        .create(new ModelBackendProvider.Context(Map.of(), Path.of("."), List.of(list))))
                .hasMessageContaining("'t-list'")
                .hasMessageContaining("JSON-object answers only");
    }

    private static ModelBackend create(Map<String, String> settings, Path baseDirectory) {
        return new SimulatedBackendProvider()
                .create(new ModelBackendProvider.Context(settings, baseDirectory, EXAMPLES));
    }
}
