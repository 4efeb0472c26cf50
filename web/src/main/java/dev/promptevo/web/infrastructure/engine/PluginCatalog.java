package dev.promptevo.web.infrastructure.engine;

import dev.promptevo.api.eval.RetrieverProvider;
import dev.promptevo.api.eval.Validator;
import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.plugin.PluginRegistry;
import dev.promptevo.api.plugin.Plugins;
import dev.promptevo.engine.RunFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * The plugins the server found, once, at start: model backends, mutation and crossover operators,
 * validators and retrievers, by {@link java.util.ServiceLoader} over the application's class loader
 * (its {@code WEB-INF/lib} jars), falling back to the API's loader as {@link Plugins} does.
 */
@ApplicationScoped
public class PluginCatalog {
    private RunFactory runFactory;
    private PluginRegistry<Validator> validators;
    private PluginRegistry<RetrieverProvider> retrievers;

    @PostConstruct
    void discover() {
        ClassLoader loader = PluginCatalog.class.getClassLoader();
        runFactory = new RunFactory(loader);
        validators = Plugins.load(Validator.class, loader);
        retrievers = Plugins.load(RetrieverProvider.class, loader);
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
}
