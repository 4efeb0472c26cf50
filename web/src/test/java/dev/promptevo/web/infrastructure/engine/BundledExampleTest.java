package dev.promptevo.web.infrastructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptevo.api.task.Task;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.task.TaskLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledExampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("..", "examples", "ticket-triage");

    @TempDir
    Path tmp;

    @Test
    void theBundledTicketTriageIsTheRepositorysExampleAsTheApiStoresIt() throws IOException {
        TaskBundle original = TaskLoader.load(SOURCE);

        BundledExample example = BundledExample.load("ticket-triage", getClass().getClassLoader());

        assertThat(example.dataset().examples()).isEqualTo(original.dataset().examples());
        assertThat(example.datasetBytes())
                .isEqualTo(SOURCE.resolve("dataset.jsonl").toFile().length());
        assertThat(example.definition().name()).isEqualTo("Support ticket triage");
        assertThat(example.definition().baseGenome()).isEqualTo(original.baseGenome());
        assertThat(example.definition().space()).isEqualTo(original.space());
        assertThat(example.definition().backendId()).isEqualTo("simulated");
        Task task = example.definition().toTask("ticket-triage");
        assertThat(task.promptTemplate()).isEqualTo(original.task().promptTemplate());
        assertThat(task.gates()).isEqualTo(original.task().gates());
        assertThat(task.weights()).isEqualTo(original.task().weights());
        assertThat(task.documents()).isEqualTo(original.task().documents());
        assertThat(task.safetyPatterns()).isEqualTo(original.task().safetyPatterns());
        assertThat(JSON.readTree(task.outputSchemaJson()))
                .isEqualTo(JSON.readTree(original.task().outputSchemaJson()));
    }

    @Test
    void anExampleInsideAJarIsReadToo() throws IOException {
        Path jar = tmp.resolve("examples.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(SOURCE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = "promptevo/examples/ticket-triage/"
                        + SOURCE.relativize(file).toString().replace('\\', '/');
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            BundledExample example = BundledExample.load("ticket-triage", loader);

            assertThat(example.dataset().examples()).hasSize(260);
            assertThat(example.definition().toTask("t").documents()).isNotEmpty();
        }
    }

    @Test
    void anExampleTheWarDoesNotCarryIsNamed() {
        assertThatThrownBy(
                        () -> BundledExample.load("no-such-example", getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-example");
    }
}
