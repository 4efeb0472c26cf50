package dev.promptevo.web.infrastructure.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptevo.api.task.Dataset;
import dev.promptevo.api.task.Document;
import dev.promptevo.engine.task.GenomeJson;
import dev.promptevo.engine.task.TaskBundle;
import dev.promptevo.engine.task.TaskLoader;
import dev.promptevo.web.domain.task.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An example task directory shipped inside the WAR ({@code promptevo/examples/<name>/} on the class
 * path, copied from the repository's {@code examples/}), read with the engine's {@link TaskLoader}
 * exactly as {@code promptevo optimize} reads it, and turned into what the API stores: a task
 * definition with the schema, base genome and documents inline, and its golden dataset.
 *
 * @param name the directory's name, e.g. {@code ticket-triage}
 * @param datasetBytes the size of the dataset file, as an upload of it would be counted
 */
public record BundledExample(String name, TaskDefinition definition, Dataset dataset, long datasetBytes) {
    /** The examples the WAR carries. */
    public static final List<String> NAMES = List.of("ticket-triage");

    private static final String ROOT = "promptevo/examples/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalStateException when the WAR does not carry the example
     * @throws dev.promptevo.engine.task.TaskLoadException when its files are not a valid task directory
     * @throws dev.promptevo.web.domain.InvalidInputException when the server would refuse it as a task
     */
    public static BundledExample load(String name, ClassLoader loader) {
        URL taskFile = loader.getResource(ROOT + name + "/" + TaskLoader.TASK_FILE);
        if (taskFile == null) {
            throw new IllegalStateException("the example '" + name + "' is not bundled (no " + ROOT + name + "/"
                    + TaskLoader.TASK_FILE + " on the class path)");
        }
        URI uri;
        try {
            uri = taskFile.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the bundled example at " + taskFile, e);
        }
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return read(name, jar.provider().getPath(uri).getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the bundled example at " + uri, e);
            }
        }
        return read(name, Path.of(uri).getParent());
    }

    private static BundledExample read(String name, Path directory) {
        TaskBundle bundle = TaskLoader.load(directory);
        try {
            ObjectNode definition =
                    (ObjectNode) JSON.readTree(Files.readString(directory.resolve(TaskLoader.TASK_FILE)));
            long datasetBytes =
                    Files.size(directory.resolve(definition.path("dataset").asText()));
            // The loader has resolved the files the directory names; the API takes their contents inline,
            // and backend settings only from server configuration.
            definition.remove(List.of("id", "dataset", "outputSchema", "baseGenome", "documents", "backend"));
            definition.set("outputSchema", JSON.readTree(bundle.task().outputSchemaJson()));
            definition.set("baseGenome", GenomeJson.toNode(bundle.baseGenome()));
            ArrayNode documents = definition.putArray("documents");
            for (Document d : bundle.task().documents()) {
                documents.addObject().put("id", d.id()).put("title", d.title()).put("text", d.text());
            }
            definition.putObject("backend").put("id", bundle.backendId());
            return new BundledExample(name, TaskDefinition.parse(definition), bundle.dataset(), datasetBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled example " + directory, e);
        }
    }
}
