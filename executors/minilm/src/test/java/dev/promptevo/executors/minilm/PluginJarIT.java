package dev.promptevo.executors.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptevo.api.plugin.Plugin;
import dev.promptevo.api.task.Document;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code plugin} jar, dropped alone into a plugins folder, works on a host that has only
 * the PromptEvo API: the way the CLI's {@code Plugins.withJarsFrom} sees it, with the host's loader as
 * the thread's context loader (which cannot see the plugin's model or native libraries).
 *
 * <p>DJL gets an empty cache folder, so the tokenizer's native library too must come out of the jar.
 * Everything goes through reflection on classes of the isolated loaders, since this test's own
 * class path holds the module's dependencies and would hide a jar that lacks them.
 */
class PluginJarIT {

    @Test
    void retrievesByMeaningFromTheShadedJarInAPluginsFolder(@TempDir Path djlCache) throws Exception {
        Path jar = Path.of(System.getProperty("promptevo.pluginJar")).toAbsolutePath();
        Path plugins = jar.resolveSibling("it-plugins");
        Files.createDirectories(plugins);
        Files.deleteIfExists(plugins.resolve(jar.getFileName()));
        Files.createSymbolicLink(plugins.resolve(jar.getFileName()), jar);
        System.setProperty("DJL_CACHE_DIR", djlCache.toString());
        URL apiJar = Plugin.class.getProtectionDomain().getCodeSource().getLocation();

        try (URLClassLoader host =
                new URLClassLoader("host", new URL[] {apiJar}, ClassLoader.getPlatformClassLoader())) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(host);
            try {
                Class<?> pluginsClass = host.loadClass("dev.promptevo.api.plugin.Plugins");
                Class<?> providerType = host.loadClass("dev.promptevo.api.eval.RetrieverProvider");
                Class<?> documentType = host.loadClass("dev.promptevo.api.task.Document");
                ClassLoader pluginLoader = (ClassLoader) pluginsClass
                        .getMethod("withJarsFrom", Path.class, ClassLoader.class)
                        .invoke(null, plugins, host);
                Object registry = pluginsClass
                        .getMethod("load", Class.class, ClassLoader.class)
                        .invoke(null, providerType, pluginLoader);
                Object provider =
                        registry.getClass().getMethod("get", String.class).invoke(registry, "retriever.minilm");
                assertThat(provider.getClass().getClassLoader()).isSameAs(pluginLoader);

                Class<?> retrieverType = host.loadClass("dev.promptevo.api.eval.Retriever");
                var newDocument = documentType.getConstructor(String.class, String.class, String.class);
                List<Object> documents = new ArrayList<>();
                for (Document document : Corpus.SUPPORT) {
                    documents.add(newDocument.newInstance(document.id(), document.title(), document.text()));
                }
                long start = System.nanoTime();
                Object retriever = providerType.getMethod("index", List.class).invoke(provider, documents);
                System.out.printf(
                        "plugin jar: model loaded and %d documents indexed in %d ms%n",
                        documents.size(), (System.nanoTime() - start) / 1_000_000);
                List<?> top = (List<?>) retrieverType
                        .getMethod("retrieve", String.class, int.class)
                        .invoke(retriever, Corpus.PARCEL_QUERY, 1);

                Object document = top.get(0).getClass().getMethod("document").invoke(top.get(0));
                assertThat(documentType.getMethod("id").invoke(document)).isEqualTo(Corpus.LOST_SHIPMENTS.id());
            } finally {
                thread.setContextClassLoader(previous);
                System.clearProperty("DJL_CACHE_DIR");
            }
        }
    }
}
