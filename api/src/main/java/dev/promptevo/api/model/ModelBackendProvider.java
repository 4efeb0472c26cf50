package dev.promptevo.api.model;

import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.task.Example;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes {@link ModelBackend}s; published through {@code META-INF/services} so a jar in the plugins
 * folder adds a backend without a rebuild.
 */
public interface ModelBackendProvider extends Plugin {

    ModelBackend create(Context context);

    /**
     * What a provider is configured with.
     *
     * @param settings keys without the {@code promptevo.backends.<id>.} prefix; secrets are read by
     *     the provider from the environment or server configuration, never from API input
     * @param baseDirectory where relative file settings resolve (the task directory)
     * @param knownExamples the task's golden examples, for simulated backends that imitate a model
     *     from the ground truth; real backends ignore them
     */
    record Context(Map<String, String> settings, Path baseDirectory, List<Example> knownExamples) {
        public Context {
            settings = Map.copyOf(settings);
            Objects.requireNonNull(baseDirectory, "baseDirectory");
            knownExamples = List.copyOf(knownExamples);
        }
    }
}
