package dev.promptevo.api.plugin;

/**
 * Anything discovered by {@link Plugins}: an operator, a backend provider, a validator, a retriever.
 * Implementations need a public no-argument constructor and a {@code META-INF/services} entry.
 */
public interface Plugin {

    /** A stable, unique id ({@code mutate.temperature.gaussian}); runs and results refer to it. */
    String id();

    /** The plugin's version; by default its jar's Implementation-Version, or "dev". */
    default String version() {
        String version =
                getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
