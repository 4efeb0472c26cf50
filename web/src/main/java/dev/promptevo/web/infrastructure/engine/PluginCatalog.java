package dev.promptevo.web.infrastructure.engine;

import dev.promptevo.api.eval.RetrieverProvider;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.plugin.PluginRegistry;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.engine.RunFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The plugins the server found, once, at start: model backends, mutation and crossover operators,
 * validators and retrievers, by {@link java.util.ServiceLoader} over the application's class loader
 * (its {@code WEB-INF/lib} jars) and the jars in the plugins folder ({@code promptevo.plugins-dir}),
 * falling back to the API's loader as {@link Plugins} does. A jar dropped into the folder is used
 * after a restart, without rebuilding the WAR.
 */
@ApplicationScoped
public class PluginCatalog {
    private static final Logger LOG = Logger.getLogger(PluginCatalog.class.getName());

    @Inject
    @ConfigProperty(name = "promptevo.plugins-dir", defaultValue = "./plugins")
    private String pluginsDir;

    private ClassLoader loader;
    private RunFactory runFactory;
    private PluginRegistry<Validator> validators;
    private PluginRegistry<RetrieverProvider> retrievers;

    @PostConstruct
    void discover() {
        ClassLoader application = PluginCatalog.class.getClassLoader();
        Path folder = Path.of(pluginsDir).toAbsolutePath().normalize();
        loader = Plugins.withJarsFrom(folder, application);
        runFactory = new RunFactory(loader);
        validators = Plugins.load(Validator.class, loader);
        retrievers = Plugins.load(RetrieverProvider.class, loader);
        List<String> fromFolder = all().stream()
                .filter(p -> p.getClass().getClassLoader() == loader && loader != application)
                .map(p -> p.id() + " " + p.version())
                .toList();
        LOG.info(() -> fromFolder.isEmpty()
                ? "PromptEvo plugins folder " + folder + ": no plugins"
                : "PromptEvo plugins folder " + folder + ": " + fromFolder);
    }

    /** Discovers at start rather than at the first request, so that a bad plugin jar shows at once. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        runFactory(); // a call on the proxy creates the catalog
    }

    /** Lets go of the plugin jars, so that a redeployment can replace them. */
    @PreDestroy
    void close() {
        if (loader instanceof Closeable jars) {
            try {
                jars.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the plugin jars failed", e);
            }
        }
    }

    public RunFactory runFactory() {
        return runFactory;
    }

    public boolean hasBackend(String id) {
        return runFactory.backends().contains(id);
    }

    public Collection<String> backendIds() {
        return runFactory.backends().all().stream().map(Plugin::id).toList();
    }

    public PluginRegistry<Validator> validators() {
        return validators;
    }

    public PluginRegistry<RetrieverProvider> retrievers() {
        return retrievers;
    }

    private List<Plugin> all() {
        return Stream.of(
                        runFactory.backends().all(),
                        runFactory.mutations().all(),
                        runFactory.crossovers().all(),
                        validators.all(),
                        retrievers.all())
                .flatMap(Collection::stream)
                .map(Plugin.class::cast)
                .toList();
    }
}
