package dev.promptevo.web.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The bundled ticket-triage example, as the API takes it. */
final class Fixtures {
    static final Path EXAMPLE = Path.of("..", "examples", "ticket-triage");

    private Fixtures() {}

    /** The example's task.json with the schema and base genome inline and the file-only fields left out. */
    static ObjectNode ticketTriageTask() {
        try {
            ObjectNode task =
                    (ObjectNode) Api.JSON.readTree(EXAMPLE.resolve("task.json").toFile());
            for (String fileField : List.of("id", "outputSchema", "dataset", "documents", "baseGenome", "backend")) {
                task.remove(fileField);
            }
            task.set(
                    "outputSchema",
                    Api.JSON.readTree(EXAMPLE.resolve("schema.json").toFile()));
            task.set(
                    "baseGenome",
                    Api.JSON.readTree(EXAMPLE.resolve("base-genome.json").toFile()));
            task.putObject("backend").put("id", "simulated");
            return task;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code n} lines of the example's dataset. */
    static String datasetLines(int n) {
        try (var lines = Files.lines(EXAMPLE.resolve("dataset.jsonl"))) {
            return String.join("\n", lines.limit(n).toList()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
