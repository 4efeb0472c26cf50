package dev.promptevo.web.interfaces.rest.dto;

import dev.promptevo.api.plugin.Plugin;
import java.util.Collection;
import java.util.List;

/** A discovered plugin: its stable id, its version, and the class that implements it. */
public record PluginView(String id, String version, String implementation) {
    public static List<PluginView> of(Collection<? extends Plugin> plugins) {
        return plugins.stream()
                .map(p -> new PluginView(p.id(), p.version(), p.getClass().getName()))
                .toList();
    }

    /** The plugins by kind. */
    public record Catalog(
            List<PluginView> backends,
            List<PluginView> mutations,
            List<PluginView> crossovers,
            List<PluginView> validators,
            List<PluginView> retrievers) {}
}
