package dev.promptevo.api.plugin;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/** The plugins of one type, by id. Immutable. */
public final class PluginRegistry<T extends Plugin> {
    private final Class<T> type;
    private final Map<String, T> byId;

    PluginRegistry(Class<T> type, Map<String, T> byId) {
        this.type = type;
        this.byId = Collections.unmodifiableMap(new TreeMap<>(byId));
    }

    public Class<T> type() {
        return type;
    }

    /** The plugins, ordered by id (a stable order, so seeded runs replay). */
    public Collection<T> all() {
        return byId.values();
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public T get(String id) {
        T plugin = byId.get(id);
        if (plugin == null) {
            throw new NoSuchElementException(
                    "no " + type.getSimpleName() + " with id '" + id + "'; known: " + byId.keySet());
        }
        return plugin;
    }
}
