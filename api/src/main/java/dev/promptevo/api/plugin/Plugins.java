package dev.promptevo.api.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}.
 *
 * <p>The given class loader is asked first; when it sees no implementation at all (an application
 * server's context class loader often does not see a library's services), the loader that loaded
 * the API is asked instead. Two plugins with one id are an error that names both classes and where
 * they came from, since silently picking one would make a run depend on class-path order.
 */
public final class Plugins {
    private Plugins() {}

    public static <T extends Plugin> PluginRegistry<T> load(Class<T> type) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return load(type, context != null ? context : Plugins.class.getClassLoader());
    }

    public static <T extends Plugin> PluginRegistry<T> load(Class<T> type, ClassLoader loader) {
        List<T> found = discover(type, loader);
        if (found.isEmpty() && loader != Plugins.class.getClassLoader()) {
            found = discover(type, Plugins.class.getClassLoader());
        }
        return registry(type, found);
    }

    /** A registry of the given instances, with the same duplicate-id check as discovery. */
    public static <T extends Plugin> PluginRegistry<T> registry(Class<T> type, List<? extends T> plugins) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T plugin : plugins) {
            String id = plugin.id();
            if (id == null || id.isBlank()) {
                throw new IllegalStateException(
                        plugin.getClass().getName() + " has no id; a plugin's id() must be a non-blank string");
            }
            T previous = byId.putIfAbsent(id, plugin);
            if (previous != null) {
                throw new IllegalStateException("two " + type.getSimpleName() + " plugins claim the id '" + id + "': "
                        + describe(previous) + " and " + describe(plugin)
                        + ". Remove one of the jars from the plugins folder, or give one plugin another id.");
            }
        }
        return new PluginRegistry<>(type, byId);
    }

    /**
     * A class loader over every {@code *.jar} in {@code directory} (sorted by name), child of {@code
     * parent}; {@code parent} itself when the directory does not exist.
     */
    public static ClassLoader withJarsFrom(Path directory, ClassLoader parent) {
        if (!Files.isDirectory(directory)) {
            return parent;
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList()) {
                urls.add(toUrl(jar));
            }
            return urls.isEmpty() ? parent : new URLClassLoader("promptevo-plugins", urls.toArray(URL[]::new), parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins folder " + directory, e);
        }
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable jar path: " + jar, e);
        }
    }

    private static <T> List<T> discover(Class<T> type, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return found;
    }

    private static String describe(Plugin plugin) {
        var source = plugin.getClass().getProtectionDomain().getCodeSource();
        return plugin.getClass().getName() + " (" + (source == null ? "unknown location" : source.getLocation()) + ")";
    }
}
