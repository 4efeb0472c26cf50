package dev.promptevo.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    /** A plugin type of these tests; {@code META-INF/services} in the test resources lists {@link English}. */
    public interface Greeter extends Plugin {
        String greet();
    }

    public static final class English implements Greeter {
        @Override
        public String id() {
            return "hello";
        }

        @Override
        public String greet() {
            return "Hello";
        }
    }

    public static final class AlsoHello implements Greeter {
        @Override
        public String id() {
            return "hello";
        }

        @Override
        public String greet() {
            return "Hi";
        }
    }

    public static final class French implements Greeter {
        @Override
        public String id() {
            return "bonjour";
        }

        @Override
        public String greet() {
            return "Bonjour";
        }
    }

    /** Not listed anywhere on the class path; the jar tests publish it. */
    public interface Farewell extends Plugin {}

    public static final class Goodbye implements Farewell {
        @Override
        public String id() {
            return "goodbye";
        }
    }

    @Test
    void aDuplicateIdNamesBothClasses() {
        assertThatThrownBy(() -> Plugins.registry(Greeter.class, List.of(new English(), new French(), new AlsoHello())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'hello'")
                .hasMessageContaining(English.class.getName())
                .hasMessageContaining(AlsoHello.class.getName())
                .hasMessageNotContaining(French.class.getName());
    }

    @Test
    void aBlankIdIsRefused() {
        Greeter nameless = new Greeter() {
            @Override
            public String id() {
                return " ";
            }

            @Override
            public String greet() {
                return "";
            }
        };
        assertThatThrownBy(() -> Plugins.registry(Greeter.class, List.of(nameless)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no id");
    }

    @Test
    void aRegistryListsPluginsByIdAndNamesTheKnownOnesWhenAskedForAnother() {
        PluginRegistry<Greeter> registry = Plugins.registry(Greeter.class, List.of(new English(), new French()));

        assertThat(registry.all()).extracting(Plugin::id).containsExactly("bonjour", "hello");
        assertThat(registry.get("hello")).isInstanceOf(English.class);
        assertThat(registry.contains("hola")).isFalse();
        assertThatThrownBy(() -> registry.get("hola"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("[bonjour, hello]");
        assertThat(registry.type()).isEqualTo(Greeter.class);
    }

    @Test
    void loadFindsPluginsThroughServiceFiles() {
        PluginRegistry<Greeter> registry = Plugins.load(Greeter.class);

        assertThat(registry.get("hello").greet()).isEqualTo("Hello");
    }

    @Test
    void loadFallsBackToTheApiLoaderWhenTheGivenOneSeesNothing() throws IOException {
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            assertThat(Plugins.load(Greeter.class, blind).contains("hello")).isTrue();
        }
    }

    @Test
    void withJarsFromAMissingFolderReturnsTheParent(@TempDir Path temp) {
        ClassLoader parent = getClass().getClassLoader();

        assertThat(Plugins.withJarsFrom(temp.resolve("no-such-folder"), parent)).isSameAs(parent);
        assertThat(Plugins.withJarsFrom(temp, parent)).isSameAs(parent);
    }

    @Test
    void aJarDroppedInThePluginsFolderIsFound(@TempDir Path plugins) throws IOException {
        Files.writeString(plugins.resolve("notes.txt"), "not a jar");
        try (OutputStream file = Files.newOutputStream(plugins.resolve("farewell.jar"));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + Farewell.class.getName()));
            jar.write((Goodbye.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        ClassLoader parent = getClass().getClassLoader();
        assertThat(Plugins.load(Farewell.class, parent).all()).isEmpty();

        ClassLoader loader = Plugins.withJarsFrom(plugins, parent);

        assertThat(loader).isNotSameAs(parent);
        assertThat(loader.getParent()).isSameAs(parent);
        assertThat(Plugins.load(Farewell.class, loader).contains("goodbye")).isTrue();
        ((URLClassLoader) loader).close();
    }

    @Test
    void versionDefaultsToDevOutsideAJar() {
        assertThat(new English().version()).isEqualTo("dev");
    }
}
